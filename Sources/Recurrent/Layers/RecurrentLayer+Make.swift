/// Building any fused layer from its kind, so code that compares kinds holds
/// `RecurrentCellKind`s rather than strings or closures:
///
///     for kind in [RecurrentCellKind.rnnTanh, .gru, .lstm] {
///         let layer = RecurrentLayer.make(kind, inputSize: 8, hiddenSize: 32, generator: &g)
///         table.add(kind.description, layer.parameterCount)
///     }
extension RecurrentLayer {
    /// A new layer of `kind`: an `RNN` (tanh or ReLU), `LSTM`, `GRU`, `PeepholeLSTM`,
    /// `ChoGRU`, or a `VariantLSTM` with the kind's structure (the class each kind's
    /// description names). It draws its parameters exactly as that class's initialiser does,
    /// so the same generator gives the same weights.
    ///
    /// - Parameters:
    ///   - inputSize: features per step of the input.
    ///   - hiddenSize: features of the hidden (and cell) state.
    ///   - layerCount: layers stacked; layer `l > 0` reads the outputs of layer `l - 1`.
    ///   - bias: whether the layer has `bias_ih` and `bias_hh`.
    ///   - bidirectional: whether each layer also runs from the last step to the first.
    ///   - generator: draws every parameter from PyTorch's default
    ///     `uniform(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    public static func make(
        _ kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bias: Bool = true,
        bidirectional: Bool = false, generator: inout RandomGenerator
    ) -> RecurrentLayer {
        let stack = RecurrentStack(
            kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount, bias: bias,
            bidirectional: bidirectional, generator: &generator)
        return kind.fusedCell.layerClass.init(stack: stack)
    }
}
