/// A gate of a recurrent cell, named by the part it plays, so that lessons read
/// `internals.gate(.forget)` instead of a block of columns.
///
/// LSTM (PyTorch's order i, f, g, o): `input`, `forget`, `candidate` (g, the values to
/// write), `output`. GRU (order r, z, n): `reset`, `update`, `candidate` (n). A vanilla RNN
/// has none. `RecurrentCellKind.gates` lists each kind's.
public enum Gate: String, CaseIterable, Sendable, CustomStringConvertible {
    /// LSTM `i`: how much of the candidate to write.
    case input
    /// LSTM `f`: how much of the cell to keep.
    case forget
    /// LSTM `g` (the block input) or GRU `n`: the new values on offer.
    case candidate
    /// LSTM `o`: how much of the squashed cell to show.
    case output
    /// GRU `r`: how much of the previous state the candidate sees.
    case reset
    /// GRU `z`: how much of the previous state to keep.
    case update

    /// "forget gate", "candidate", …
    public var description: String { self == .candidate ? "candidate" : "\(rawValue) gate" }
}
