/// What an `LSTMCell` carries from one step to the next: the hidden state and the cell state,
/// each `[batch, hiddenSize]` — one step of one layer.
///
/// The fused `LSTM` carries every layer and direction at once and names that `LSTMState`
/// (`[layerCount * directions, batch, hiddenSize]`); the two are different things, so they
/// have different names.
public struct LSTMCellState {
    /// `[batch, hiddenSize]`: the step's output, read by the gates at the next step.
    public var hidden: Variable
    /// `[batch, hiddenSize]`: the memory the gates write to and erase.
    public var cell: Variable

    /// - Parameters: `hidden` and `cell`, `[batch, hiddenSize]` each.
    public init(hidden: Variable, cell: Variable) {
        self.hidden = hidden
        self.cell = cell
    }

    /// Both states cut off from the computation that produced them, for truncated BPTT.
    public func detached() -> LSTMCellState {
        LSTMCellState(hidden: hidden.detached(), cell: cell.detached())
    }
}
