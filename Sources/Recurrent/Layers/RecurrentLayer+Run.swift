/// The state every `SequenceLayer` carries from one call to the next: the hidden state, and
/// for layers with a memory (the LSTMs, an unrolled `LSTMCell`) the cell state. `Value` is
/// `Tensor`, or `Variable` inside a computation to differentiate.
///
/// Shapes: `hidden` and `cell` are `[layerCount * directions, batch, hiddenSize]`, the slot
/// of layer `l` and direction `d` being `l * directions + d`; for an unrolled cell (one layer,
/// one direction) `[1, batch, hiddenSize]`.
public struct RecurrentLayerState<Value> {
    /// `[layerCount * directions, batch, hiddenSize]`.
    public var hidden: Value
    /// `[layerCount * directions, batch, hiddenSize]`; `nil` for layers without a cell state
    /// (RNN, GRU).
    public var cell: Value?

    /// - Parameters: `hidden` and, for the LSTMs, `cell`, `[layerCount * directions, batch,
    ///   hiddenSize]` each.
    public init(hidden: Value, cell: Value? = nil) {
        self.hidden = hidden
        self.cell = cell
    }
}

extension RecurrentLayerState: Equatable where Value: Equatable {}
extension RecurrentLayerState: Sendable where Value: Sendable {}

extension RecurrentLayerState where Value == Variable {
    /// The state cut off from the computation that produced it, for truncated BPTT: the next
    /// chunk starts from these values, but its gradient stops here.
    public func detached() -> RecurrentLayerState<Variable> {
        RecurrentLayerState(hidden: hidden.detached(), cell: cell?.detached())
    }
}

extension RecurrentLayer {
    /// Runs any built-in layer the same way, so that code comparing an RNN, a GRU and an LSTM
    /// needs no case for each: the typed calls (`lstm(x)`, `gru(x)`) compute the same thing.
    /// This is the layer's `SequenceLayer` call.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - state: where to start; zeros if `nil`. A `cell` is required by the LSTMs and
    ///     ignored by the others.
    ///   - lengths: for sequences padded at the end, each one's length.
    /// - Returns: `output` `[batch, time, directions * hiddenSize]` and the final state.
    public func run(_ input: Variable, from state: RecurrentLayerState<Variable>? = nil, lengths: [Int]? = nil)
        -> (output: Variable, state: RecurrentLayerState<Variable>)
    {
        let result = stack.forward(input, initialHidden: state?.hidden, initialCell: cellToStart(state?.cell), lengths: lengths)
        return (result.output, RecurrentLayerState(hidden: result.hidden, cell: result.cell))
    }

    /// `run` without gradients, on plain tensors.
    public func run(_ input: Tensor, from state: RecurrentLayerState<Tensor>? = nil, lengths: [Int]? = nil)
        -> (output: Tensor, state: RecurrentLayerState<Tensor>)
    {
        let result = stack.forward(input, initialHidden: state?.hidden, initialCell: cellToStart(state?.cell), lengths: lengths)
        return (result.output, RecurrentLayerState(hidden: result.hidden, cell: result.cell))
    }

    /// The cell state to pass on: only layers that have one take it.
    private func cellToStart<Value>(_ cell: Value?) -> Value? {
        kind.hasCellState ? cell : nil
    }
}
