/// What a kind of built-in layer is, as its users see it: its name, the gates its stacked
/// weights hold, and the class that wraps it. Every fused cell (`FusedCell`) states these
/// beside its arithmetic, so a kind is described in one file; `RecurrentCellKind` reads them
/// and has no switch of its own except the one that picks the description
/// (`RecurrentCellKind.fusedCell`).
protocol CellKindDescription {
    /// The kind's name in tables and legends: "GRU", "Cho's GRU", "LSTM with peepholes".
    var name: String { get }
    /// The blocks of `hiddenSize` rows stacked in `weight_ih`, `weight_hh` and the biases, in
    /// order, each named by its gate; `nil` for a block that is the new state itself (an RNN's
    /// one block).
    var stackedGates: [Gate?] { get }
    /// For an LSTM, which parts it has; `nil` for any other kind (the default). Gate names and
    /// the message for a removed gate read it.
    var lstmStructure: LSTMStructure? { get }
    /// The public class `RecurrentLayer.make` returns for this kind: `GRU`, `LSTM`, … or, by
    /// default, `RecurrentLayer` itself, which runs any kind through `SequenceLayer.run`.
    var layerClass: RecurrentLayer.Type { get }
}

extension CellKindDescription {
    var lstmStructure: LSTMStructure? { nil }
    var layerClass: RecurrentLayer.Type { RecurrentLayer.self }
}
