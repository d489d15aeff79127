import Testing
@testable import Recurrent

/// Each fused layer against the same cell composed from operations and unrolled by the tape:
/// outputs, final states and every gradient must agree.
@Suite struct FusedComposedAgreementTests {
    static func copy(_ from: [(name: String, parameter: Parameter)], into to: [(name: String, parameter: Parameter)]) {
        for ((_, target), (name, source)) in zip(to, from) {
            precondition(target.shape == source.shape, "\(name)")
            target.value = source.value
        }
    }

    static func expectAgreement<Cell: RecurrentCell>(
        fused: RecurrentLayer, cell: Cell, fusedRun: (Variable) -> (Variable, Variable), composedRun: (Variable) -> (Variable, Variable)
    ) {
        copy(fused.namedParameters, into: cell.namedParameters)
        let input = randomTensor([3, 6, 4], seed: 41)
        let weights = Variable(randomTensor([3, 6, 5], seed: 42))
        let fusedInput = Variable(input, requiresGradient: true)
        let composedInput = Variable(input, requiresGradient: true)
        let (fusedOutput, fusedState) = fusedRun(fusedInput)
        let (composedOutput, composedState) = composedRun(composedInput)
        #expect(largestRelativeError(fusedOutput.value, composedOutput.value) < 1e-6)
        #expect(largestRelativeError(fusedState.value.reshaped(composedState.shape), composedState.value) < 1e-6)
        ((fusedOutput * weights).sum() + fusedState.sum()).backward()
        ((composedOutput * weights).sum() + composedState.sum()).backward()
        #expect(largestRelativeError(fusedInput.gradient!, composedInput.gradient!) < 1e-5)
        for ((name, fusedParameter), (_, composedParameter)) in zip(fused.namedParameters, cell.namedParameters) {
            #expect(largestRelativeError(fusedParameter.gradient, composedParameter.gradient) < 1e-5, "\(name)")
        }
    }

    @Test func rnn() {
        var generator = RandomGenerator(seed: 43)
        let fused = RNN(inputSize: 4, hiddenSize: 5, generator: &generator)
        let cell = ElmanCell(inputSize: 4, hiddenSize: 5, generator: &generator)
        Self.expectAgreement(fused: fused, cell: cell, fusedRun: { fused($0) }, composedRun: { unroll(cell, over: $0) })
    }

    @Test func lstm() {
        var generator = RandomGenerator(seed: 44)
        let fused = LSTM(inputSize: 4, hiddenSize: 5, generator: &generator)
        let cell = LSTMCell(inputSize: 4, hiddenSize: 5, generator: &generator)
        Self.expectAgreement(
            fused: fused, cell: cell,
            fusedRun: { let (output, state) = fused($0); return (output, state.hidden + state.cell) },
            composedRun: { let (output, state) = unroll(cell, over: $0); return (output, state.hidden + state.cell) })
    }

    @Test func gru() {
        var generator = RandomGenerator(seed: 45)
        let fused = GRU(inputSize: 4, hiddenSize: 5, generator: &generator)
        let cell = GRUCell(inputSize: 4, hiddenSize: 5, generator: &generator)
        Self.expectAgreement(fused: fused, cell: cell, fusedRun: { fused($0) }, composedRun: { unroll(cell, over: $0) })
    }

    @Test func choGRU() {
        var generator = RandomGenerator(seed: 49)
        let fused = ChoGRU(inputSize: 4, hiddenSize: 5, generator: &generator)
        let cell = GRUCell(inputSize: 4, hiddenSize: 5, resetAfterProduct: false, generator: &generator)
        Self.expectAgreement(fused: fused, cell: cell, fusedRun: { fused($0) }, composedRun: { unroll(cell, over: $0) })
    }

    /// The fused peephole LSTM and Greff's vanilla cell, with the stacked weights split per
    /// gate and the second bias zero.
    @Test func peepholeLSTM() {
        var generator = RandomGenerator(seed: 46)
        let fused = PeepholeLSTM(inputSize: 4, hiddenSize: 5, generator: &generator)
        let cell = PeepholeLSTMCell(inputSize: 4, hiddenSize: 5, generator: &generator)
        let named = Dictionary(uniqueKeysWithValues: cell.namedParameters.map { ($0.name, $0.parameter) })
        let inputWeight = fused.parameter(named: "weight_ih_l0")!.value.scalars
        let hiddenWeight = fused.parameter(named: "weight_hh_l0")!.value.scalars
        let bias = fused.parameter(named: "bias_ih_l0")!.value.scalars
        fused.parameter(named: "bias_hh_l0")!.value = Tensor(zeros: [20])
        for (block, gate) in ["i", "f", "z", "o"].enumerated() {
            named["weight_x\(gate)"]!.value = Tensor(shape: [5, 4], scalars: Array(inputWeight[(block * 20)..<((block + 1) * 20)]))
            named["weight_h\(gate)"]!.value = Tensor(shape: [5, 5], scalars: Array(hiddenWeight[(block * 25)..<((block + 1) * 25)]))
            named["bias_\(gate)"]!.value = Tensor(Array(bias[(block * 5)..<((block + 1) * 5)]))
        }
        let peephole = fused.parameter(named: "weight_peephole_l0")!.value.scalars
        for (block, gate) in ["i", "f", "o"].enumerated() {
            named["peephole_\(gate)"]!.value = Tensor(Array(peephole[(block * 5)..<((block + 1) * 5)]))
        }
        let input = randomTensor([3, 6, 4], seed: 47)
        let weights = Variable(randomTensor([3, 6, 5], seed: 48))
        let fusedInput = Variable(input, requiresGradient: true)
        let composedInput = Variable(input, requiresGradient: true)
        let (fusedOutput, fusedState) = fused(fusedInput)
        let (composedOutput, composedState) = unroll(cell, over: composedInput)
        #expect(largestRelativeError(fusedOutput.value, composedOutput.value) < 1e-6)
        #expect(largestRelativeError(fusedState.cell.value.reshaped([3, 5]), composedState.cell.value) < 1e-6)
        ((fusedOutput * weights).sum() + fusedState.cell.sum()).backward()
        ((composedOutput * weights).sum() + composedState.cell.sum()).backward()
        #expect(largestRelativeError(fusedInput.gradient!, composedInput.gradient!) < 1e-5)
        let peepholeGradient = fused.parameter(named: "weight_peephole_l0")!.gradient.scalars
        let composedPeepholeGradient = ["i", "f", "o"].flatMap { named["peephole_\($0)"]!.gradient.scalars }
        #expect(largestRelativeError(peepholeGradient, composedPeepholeGradient) < 1e-5)
    }

    /// `VariantLSTM` against Greff's composed cell for every variant: outputs, final cell, and
    /// the gradients of the input, every gate's weights and bias, the peepholes and the
    /// gate-to-gate weights.
    @Test(arguments: PeepholeLSTMCell.Variant.allCases)
    func greffVariant(_ variant: PeepholeLSTMCell.Variant) {
        var generator = RandomGenerator(seed: 50)
        let structure = LSTMStructure(greff: variant)
        let fused = VariantLSTM(inputSize: 4, hiddenSize: 5, structure: structure, generator: &generator)
        let cell = PeepholeLSTMCell(inputSize: 4, hiddenSize: 5, variant: variant, generator: &generator)
        let named = Dictionary(uniqueKeysWithValues: cell.namedParameters.map { ($0.name, $0.parameter) })
        let inputWeight = fused.parameter(named: "weight_ih_l0")!.value.scalars
        let hiddenWeight = fused.parameter(named: "weight_hh_l0")!.value.scalars
        let bias = fused.parameter(named: "bias_ih_l0")!.value.scalars
        fused.parameter(named: "bias_hh_l0")!.value = Tensor(zeros: [20])
        let gates = ["i", "f", "z", "o"]
        // The composed cell lists only the gates it uses; the fused rows of the others must
        // receive no gradient.
        for (block, gate) in gates.enumerated() where named["bias_\(gate)"] != nil {
            named["weight_x\(gate)"]!.value = Tensor(shape: [5, 4], scalars: Array(inputWeight[(block * 20)..<((block + 1) * 20)]))
            named["weight_h\(gate)"]!.value = Tensor(shape: [5, 5], scalars: Array(hiddenWeight[(block * 25)..<((block + 1) * 25)]))
            named["bias_\(gate)"]!.value = Tensor(Array(bias[(block * 5)..<((block + 1) * 5)]))
        }
        if structure.peepholes {
            let peephole = fused.parameter(named: "weight_peephole_l0")!.value.scalars
            for (block, gate) in ["i", "f", "o"].enumerated() where named["peephole_\(gate)"] != nil {
                named["peephole_\(gate)"]!.value = Tensor(Array(peephole[(block * 5)..<((block + 1) * 5)]))
            }
        }
        if structure.gateRecurrence {
            named["weight_gates"]!.value = fused.parameter(named: "weight_gates_l0")!.value
        }
        let input = randomTensor([3, 6, 4], seed: 51)
        let weights = Variable(randomTensor([3, 6, 5], seed: 52))
        let fusedInput = Variable(input, requiresGradient: true)
        let composedInput = Variable(input, requiresGradient: true)
        let (fusedOutput, fusedState) = fused(fusedInput)
        let (composedOutput, composedState) = unroll(cell, over: composedInput)
        #expect(largestRelativeError(fusedOutput.value, composedOutput.value) < 1e-6, "\(variant) output")
        #expect(largestRelativeError(fusedState.cell.value.reshaped([3, 5]), composedState.cell.value) < 1e-6, "\(variant) cell")
        ((fusedOutput * weights).sum() + fusedState.cell.sum()).backward()
        ((composedOutput * weights).sum() + composedState.cell.sum()).backward()
        #expect(largestRelativeError(fusedInput.gradient!, composedInput.gradient!) < 1e-5, "\(variant) input gradient")
        let fusedInputWeightGradient = fused.parameter(named: "weight_ih_l0")!.gradient.scalars
        let fusedHiddenWeightGradient = fused.parameter(named: "weight_hh_l0")!.gradient.scalars
        let fusedBiasGradient = fused.parameter(named: "bias_ih_l0")!.gradient.scalars
        for (block, gate) in gates.enumerated() {
            guard let composedBias = named["bias_\(gate)"] else {
                let unused = fusedInputWeightGradient[(block * 20)..<((block + 1) * 20)] + fusedHiddenWeightGradient[(block * 25)..<((block + 1) * 25)]
                    + fusedBiasGradient[(block * 5)..<((block + 1) * 5)]
                #expect(unused.allSatisfy { $0 == 0 }, "\(variant): removed gate \(gate) has a gradient")
                continue
            }
            #expect(largestRelativeError(Array(fusedInputWeightGradient[(block * 20)..<((block + 1) * 20)]),
                                         named["weight_x\(gate)"]!.gradient.scalars) < 1e-5, "\(variant) weight_x\(gate)")
            #expect(largestRelativeError(Array(fusedHiddenWeightGradient[(block * 25)..<((block + 1) * 25)]),
                                         named["weight_h\(gate)"]!.gradient.scalars) < 1e-5, "\(variant) weight_h\(gate)")
            #expect(largestRelativeError(Array(fusedBiasGradient[(block * 5)..<((block + 1) * 5)]),
                                         composedBias.gradient.scalars) < 1e-5, "\(variant) bias_\(gate)")
        }
        if structure.peepholes {
            let peepholeGradient = fused.parameter(named: "weight_peephole_l0")!.gradient.scalars
            let composedPeepholeGradient = ["i", "f", "o"].flatMap { named["peephole_\($0)"]?.gradient.scalars ?? [Float](repeating: 0, count: 5) }
            #expect(largestRelativeError(peepholeGradient, composedPeepholeGradient) < 1e-5, "\(variant) peepholes")
        }
        if structure.gateRecurrence {
            #expect(largestRelativeError(fused.parameter(named: "weight_gates_l0")!.gradient,
                                         named["weight_gates"]!.gradient) < 1e-5, "\(variant) gate-to-gate weights")
        }
    }
}
