/// Kinds as names for tables and legends, and as keys: a lesson that compares kinds keeps
/// them as `RecurrentCellKind`s, builds layers with `RecurrentLayer.make`, and prints
/// `kind.description`.
extension RecurrentCellKind: CustomStringConvertible, Hashable {
    /// "RNN", "ReLU RNN", "LSTM", "GRU", "peephole LSTM", "Cho's GRU", or an LSTM variant's
    /// own description ("LSTM with peepholes, without forget gate").
    public var description: String {
        switch self {
        case .rnnTanh: "RNN"
        case .rnnReLU: "ReLU RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        case .peepholeLSTM: "peephole LSTM"
        case .choGRU: "Cho's GRU"
        case .structuredLSTM(let structure): structure.description
        }
    }

    /// The conformance is declared here, away from the enum, so `hash(into:)` is written out.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .rnnTanh: hasher.combine(0)
        case .rnnReLU: hasher.combine(1)
        case .lstm: hasher.combine(2)
        case .gru: hasher.combine(3)
        case .peepholeLSTM: hasher.combine(4)
        case .choGRU: hasher.combine(5)
        case .structuredLSTM(let structure):
            hasher.combine(6)
            hasher.combine(structure)
        }
    }
}
