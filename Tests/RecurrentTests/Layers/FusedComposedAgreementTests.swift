import Testing
@testable import Recurrent

/// Each fused layer against the same cell composed from operations and unrolled by the tape:
/// outputs, final states and every gradient must agree.
@Suite struct FusedComposedAgreementTests {
    /// Expects the two sides to have the same parameter names, listing each name one side
    /// lacks: a comparison that walked one side's list would pass over the other's extras.
    static func expectSameNames(
        fused: [String], composed: [String], _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (fusedNames, composedNames) = (Set(fused), Set(composed))
        #expect(fusedNames.subtracting(composedNames).isEmpty,
                "\(label): only in the fused layer: \(fusedNames.subtracting(composedNames).sorted())", sourceLocation: sourceLocation)
        #expect(composedNames.subtracting(fusedNames).isEmpty,
                "\(label): only in the composed cell: \(composedNames.subtracting(fusedNames).sorted())", sourceLocation: sourceLocation)
    }

    /// A one-layer fused layer against a composed cell with the same parameters under the same
    /// names less the layer suffix (`weight_ih_l0` is the cell's `weight_ih`): values copied by
    /// name, every parameter's gradient compared, over both sides' names.
    static func expectAgreement<Cell: RecurrentCell>(
        fused: RecurrentLayer, cell: Cell, fusedRun: (Variable) -> (Variable, Variable), composedRun: (Variable) -> (Variable, Variable)
    ) {
        let fusedParameters = Dictionary(uniqueKeysWithValues: fused.namedParameters.map {
            (String($0.name.dropLast($0.name.hasSuffix("_l0") ? 3 : 0)), $0.parameter)
        })
        let composedParameters = Dictionary(uniqueKeysWithValues: cell.namedParameters.map { ($0.name, $0.parameter) })
        expectSameNames(fused: Array(fusedParameters.keys), composed: Array(composedParameters.keys), "\(fused.kind)")
        for (name, source) in fusedParameters {
            guard let target = composedParameters[name] else { continue }
            precondition(target.shape == source.shape, "\(name)")
            target.value = source.value
        }
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
        for (name, fusedParameter) in fusedParameters {
            guard let composedParameter = composedParameters[name] else { continue }
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
        Self.expectGreffAgreement(
            fused: fused, cell: cell, "peephole LSTM", seeds: (47, 48),
            fusedRun: { let (output, state) = fused($0); return (output, state.cell) })
    }

    /// `VariantLSTM` against Greff's composed cell for every variant.
    @Test(arguments: PeepholeLSTMCell.Variant.allCases)
    func greffVariant(_ variant: PeepholeLSTMCell.Variant) {
        var generator = RandomGenerator(seed: 50)
        let fused = VariantLSTM(inputSize: 4, hiddenSize: 5, structure: LSTMStructure(greff: variant), generator: &generator)
        let cell = PeepholeLSTMCell(inputSize: 4, hiddenSize: 5, variant: variant, generator: &generator)
        Self.expectGreffAgreement(
            fused: fused, cell: cell, "\(variant)", seeds: (51, 52),
            fusedRun: { let (output, state) = fused($0); return (output, state.cell) })
    }

    /// A fused one-layer LSTM (the peephole LSTM or a Greff variant) against `cell` (input 4, 5 units):
    /// outputs, final cell, and the gradients of the input and of every parameter on either
    /// side. Each composed parameter takes its values from its block of a fused parameter
    /// (`GreffCellCorrespondence`); the fused `bias_hh_l0` is zero and its gradient must equal
    /// `bias_ih_l0`'s, as PyTorch adds the two. Fused values no composed parameter holds belong
    /// to gates or peepholes the variant removed and must receive no gradient. A composed
    /// parameter without a fused place, or a fused parameter holding no composed one, fails.
    static func expectGreffAgreement(
        fused: RecurrentLayer, cell: PeepholeLSTMCell, _ label: String, seeds: (input: UInt64, weights: UInt64),
        fusedRun: (Variable) -> (output: Variable, cell: Variable)
    ) {
        let correspondence = GreffCellCorrespondence(inputSize: 4, hiddenSize: 5)
        let fusedParameters = Dictionary(uniqueKeysWithValues: fused.namedParameters.map { ($0.name, $0.parameter) })
        fused.parameter(named: "bias_hh_l0")!.value = Tensor(zeros: [20])
        var places: [(composed: Parameter, fused: Parameter, values: Range<Int>, name: String)] = []
        for (name, composed) in cell.namedParameters {
            guard let (fusedName, values) = correspondence.location(of: name), let target = fusedParameters[fusedName] else {
                Issue.record("\(label): the composed \(name) has no place in the fused layer")
                continue
            }
            composed.value = Tensor(shape: composed.shape, scalars: Array(target.value.scalars[values]))
            places.append((composed, target, values, name))
        }
        let placedNames = Set(places.map { correspondence.location(of: $0.name)!.fused })
        expectSameNames(fused: Array(fusedParameters.keys), composed: Array(placedNames) + ["bias_hh_l0"], label)

        let input = randomTensor([3, 6, 4], seed: seeds.input)
        let weights = Variable(randomTensor([3, 6, 5], seed: seeds.weights))
        let fusedInput = Variable(input, requiresGradient: true)
        let composedInput = Variable(input, requiresGradient: true)
        let (fusedOutput, fusedCell) = fusedRun(fusedInput)
        let (composedOutput, composedState) = unroll(cell, over: composedInput)
        #expect(largestRelativeError(fusedOutput.value, composedOutput.value) < 1e-6, "\(label) output")
        #expect(largestRelativeError(fusedCell.value.reshaped([3, 5]), composedState.cell.value) < 1e-6, "\(label) cell")
        ((fusedOutput * weights).sum() + fusedCell.sum()).backward()
        ((composedOutput * weights).sum() + composedState.cell.sum()).backward()
        #expect(largestRelativeError(fusedInput.gradient!, composedInput.gradient!) < 1e-5, "\(label) input gradient")

        var unplaced = Dictionary(uniqueKeysWithValues: fusedParameters.map { ($0.key, Set($0.value.value.scalars.indices)) })
        for (composed, target, values, name) in places {
            let fusedGradient = Array(target.gradient.scalars[values])
            #expect(largestRelativeError(fusedGradient, composed.gradient.scalars) < 1e-5, "\(label) \(name)")
            unplaced[correspondence.location(of: name)!.fused]?.subtract(values)
        }
        unplaced["bias_hh_l0"] = nil
        for (name, entries) in unplaced {
            let gradient = fusedParameters[name]!.gradient.scalars
            #expect(entries.allSatisfy { gradient[$0] == 0 }, "\(label): \(name) has a gradient where no composed parameter is")
        }
        #expect(largestRelativeError(fused.parameter(named: "bias_hh_l0")!.gradient, fused.parameter(named: "bias_ih_l0")!.gradient) < 1e-5,
                "\(label): bias_hh_l0 and bias_ih_l0 gradients")
    }
}
