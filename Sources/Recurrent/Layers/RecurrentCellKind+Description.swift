/// Kinds as names for tables and legends, and as keys: a lesson that compares kinds keeps
/// them as `RecurrentCellKind`s, builds layers with `RecurrentLayer.make`, and prints
/// `kind.description`.
extension RecurrentCellKind: CustomStringConvertible {
    /// "RNN", "ReLU RNN", "LSTM", "GRU", "peephole LSTM", "Cho's GRU", or an LSTM variant's
    /// own description ("LSTM with peepholes, without forget gate"): each kind's
    /// `CellKindDescription.name`.
    public var description: String { fusedCell.name }
}
