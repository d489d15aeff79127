/// A cell's step state read as a layer's: the hidden state, and the cell state for cells with
/// a memory. With it, a cell unrolled over time (`Unrolled`) returns and starts from the same
/// `RecurrentLayerState` as the fused layers.
///
/// A state with more parts than that (a peephole cell's previous gates) starts those parts at
/// zeros, as the fused layers do. The requirements are static so that `Variable`, the state
/// of one-vector cells, gains no instance members.
public protocol SequenceCellState {
    /// The hidden state `[batch, hiddenSize]`, which every cell has, and the cell state
    /// `[batch, hiddenSize]` of cells with a memory (`nil` for the others).
    static func hiddenAndCell(of state: Self) -> (hidden: Variable, cell: Variable?)

    /// The state that starts from `hidden` `[batch, hiddenSize]` and, for cells with a memory,
    /// `cell` `[batch, hiddenSize]` (zeros if `nil`; ignored by cells without one).
    static func starting(hidden: Variable, cell: Variable?) -> Self
}

/// Cells whose whole state is one vector (`ElmanCell`, `GRUCell`, `MutatedCell`, and cells a
/// lesson writes that way): it is the hidden state.
extension Variable: SequenceCellState {
    public static func hiddenAndCell(of state: Variable) -> (hidden: Variable, cell: Variable?) { (state, nil) }
    public static func starting(hidden: Variable, cell: Variable?) -> Variable { hidden }
}

extension LSTMCellState: SequenceCellState {
    public static func hiddenAndCell(of state: LSTMCellState) -> (hidden: Variable, cell: Variable?) {
        (state.hidden, state.cell)
    }

    public static func starting(hidden: Variable, cell: Variable?) -> LSTMCellState {
        LSTMCellState(hidden: hidden, cell: cell ?? Variable(Tensor(zeros: hidden.shape)))
    }
}

extension PeepholeLSTMCell.State: SequenceCellState {
    public static func hiddenAndCell(of state: PeepholeLSTMCell.State) -> (hidden: Variable, cell: Variable?) {
        (state.hidden, state.cell)
    }

    /// The previous gates (full gate recurrence) start at zeros, as in the fused `VariantLSTM`.
    public static func starting(hidden: Variable, cell: Variable?) -> PeepholeLSTMCell.State {
        let (batch, size) = (hidden.shape[0], hidden.shape[1])
        return PeepholeLSTMCell.State(
            cell: cell ?? Variable(Tensor(zeros: hidden.shape)), hidden: hidden,
            gates: Variable(Tensor(zeros: [batch, 3 * size])))
    }
}

/// The hidden state is the shadow state `o ⊙ φ(c)` handed to the next step, the cell state
/// the written memory `c`; the prototypes hand on `c` itself as both.
extension WrittenMemoryCell.State: SequenceCellState {
    public static func hiddenAndCell(of state: WrittenMemoryCell.State) -> (hidden: Variable, cell: Variable?) {
        (state.shadow, state.cell)
    }

    public static func starting(hidden: Variable, cell: Variable?) -> WrittenMemoryCell.State {
        WrittenMemoryCell.State(cell: cell ?? hidden, shadow: hidden)
    }
}
