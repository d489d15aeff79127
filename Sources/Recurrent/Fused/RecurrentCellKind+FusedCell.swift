extension RecurrentCellKind {
    /// The description of this kind: the one place a kind is mapped to how `RecurrentStack`
    /// runs it and to its name, gates and layer class. A new fused kind adds its case here
    /// and nowhere else.
    var fusedCell: any FusedCell {
        switch self {
        case .rnnTanh: FusedRNNCell(activation: .tanh)
        case .rnnReLU: FusedRNNCell(activation: .relu)
        case .lstm: FusedLSTMCell(structure: .standard, name: "LSTM", layerClass: LSTM.self)
        case .gru: FusedGRUCell()
        case .peepholeLSTM: FusedLSTMCell(structure: .peephole, name: "peephole LSTM", layerClass: PeepholeLSTM.self)
        case .choGRU: FusedChoGRUCell()
        case .structuredLSTM(let structure): FusedLSTMCell(structure: structure)
        }
    }

    /// Whether `∂L/∂P` equals `∂L/∂R` (see `FusedCell`); read by the weight-gradient tests.
    var projectedGradientIsRecurrentGradient: Bool { fusedCell.projectedGradientIsRecurrentGradient }
}
