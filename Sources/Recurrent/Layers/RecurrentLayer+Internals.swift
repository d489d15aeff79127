/// Reading and setting a fused layer's gates by name.
extension RecurrentLayer {
    /// Runs the layer and returns what happened inside it at every step.
    ///
    ///     let inside = lstm.internals(x)[0]          // layer 0, forward direction
    ///     let forget = inside.gate(.forget)          // [batch, time, hiddenSize]
    ///     let cells = inside.cells!                  // [batch, time, hiddenSize]
    ///
    /// - Parameter input: `[batch, time, inputSize]`.
    /// - Returns: one `RecurrentInternals` per layer and direction, index
    ///   `layer * directionCount + direction`.
    public func internals(_ input: Tensor) -> [RecurrentInternals] {
        stackedInternals(input).map {
            RecurrentInternals(kind: kind, hiddenSize: hiddenSize, stackedGates: $0.gates, cells: $0.cells)
        }
    }

    /// Sets `gate`'s bias in every layer and direction so that the gate starts near
    /// `σ(value)`: its rows of `bias_ih` become `value` and those of `bias_hh` zero (PyTorch
    /// adds the two). `setGateBias(.forget, to: 1)` is `setForgetGateBias(1)`; a GRU's
    /// `setGateBias(.update, to: 3)` makes it keep most of its state at first.
    ///
    /// Stops with a message for a gate the kind lacks or has removed, and for a forget gate
    /// coupled to the input gate (`f = 1 − i`), which has no bias of its own.
    public func setGateBias(_ gate: Gate, to value: Float) {
        let gateRows = rows(of: gate)
        require(!(gate == .forget && kind.lstmStructure?.coupledGates == true),
                "setGateBias: the forget gate of this \(kind) is 1 − i and has no bias of its own")
        for (name, parameter) in namedParameters where name.hasPrefix("bias_") {
            let fill: Float = name.hasPrefix("bias_ih") ? value : 0
            for j in gateRows { parameter.value.scalars[j] = fill }
        }
    }

    /// Where `gate` sits in the stacked parameters of every layer and direction: its rows of
    /// `weight_ih`, `weight_hh`, and its entries of `bias_ih` and `bias_hh` (an LSTM's forget
    /// gate: `hiddenSize ..< 2 * hiddenSize`), for setting a gate's weights by hand. Stops with
    /// a message for a gate the kind lacks or has removed.
    public func rows(of gate: Gate) -> Range<Int> {
        let block = kind.block(of: gate)
        return (block * hiddenSize)..<((block + 1) * hiddenSize)
    }
}
