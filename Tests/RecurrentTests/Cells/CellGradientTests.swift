import Testing
@testable import Recurrent

/// Every composable cell unrolled over a short sequence, against finite differences for every
/// parameter and the input.
@Suite struct CellGradientTests {
    static func expectCellGradients<Cell: RecurrentCell>(_ cell: Cell, inputSize: Int, _ label: String, tolerance: Float = 1e-2) {
        let input = Parameter(randomTensor([2, 4, inputSize], seed: 51))
        let probe = unroll(cell, over: input.variable).output
        let weights = randomTensor(probe.shape, seed: 52)
        for (_, parameter) in cell.namedParameters { parameter.zeroGradient() }
        (unroll(cell, over: input.variable).output * Variable(weights)).sum().backward()
        func loss() -> Double {
            let output = unroll(cell, over: Variable(input.value)).output.value
            return zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        for (name, parameter) in cell.namedParameters + [("input", input)] {
            let numerical = GradientCheck.numericalGradient(of: loss, parameter: parameter, epsilon: 1e-2)
            let difference = GradientCheck.largestRelativeDifference(parameter.gradient.scalars, numerical)
            #expect(difference < tolerance, "\(label) \(name): \(difference)")
        }
    }

    @Test(arguments: PeepholeLSTMCell.Variant.allCases)
    func greffVariants(_ variant: PeepholeLSTMCell.Variant) {
        var generator = RandomGenerator(seed: 53)
        let cell = PeepholeLSTMCell(inputSize: 3, hiddenSize: 3, variant: variant, generator: &generator)
        Self.expectCellGradients(cell, inputSize: 3, variant.rawValue)
    }

    @Test(arguments: MutatedCell.Architecture.allCases)
    func jozefowiczMutations(_ architecture: MutatedCell.Architecture) {
        var generator = RandomGenerator(seed: 54)
        let cell = MutatedCell(inputSize: 3, hiddenSize: 3, architecture: architecture, generator: &generator)
        Self.expectCellGradients(cell, inputSize: 3, architecture.rawValue)
    }

    static let designs: [WrittenMemoryCell.Design] = [.prototype, .normalizedPrototype]
        + [[], [1], [1, 2], [1, 3], [2], [2, 3], [3], [1, 2, 3]].map { .pseudo(diffs: Set($0)) }

    @Test(arguments: designs)
    func writtenMemoryDesigns(_ design: WrittenMemoryCell.Design) {
        var generator = RandomGenerator(seed: 55)
        let cell = WrittenMemoryCell(inputSize: 3, hiddenSize: 3, design: design, generator: &generator)
        Self.expectCellGradients(cell, inputSize: 3, "\(design)")
    }

    @Test(arguments: [true, false])
    func gruPlacements(_ resetAfterProduct: Bool) {
        var generator = RandomGenerator(seed: 56)
        let cell = GRUCell(inputSize: 3, hiddenSize: 3, resetAfterProduct: resetAfterProduct, generator: &generator)
        Self.expectCellGradients(cell, inputSize: 3, "GRU resetAfterProduct \(resetAfterProduct)")
    }

    @Test func elmanAndLSTMCells() {
        var generator = RandomGenerator(seed: 57)
        Self.expectCellGradients(ElmanCell(inputSize: 3, hiddenSize: 3, generator: &generator), inputSize: 3, "Elman")
        Self.expectCellGradients(LSTMCell(inputSize: 3, hiddenSize: 3, generator: &generator), inputSize: 3, "LSTM")
    }
}

/// Relations between cells that the lessons state.
@Suite struct CellRelationTests {
    /// The pseudo LSTM with all three diffs is the basic LSTM.
    @Test func basicDesignIsTheLSTM() {
        var generator = RandomGenerator(seed: 58)
        let lstm = LSTMCell(inputSize: 3, hiddenSize: 4, generator: &generator)
        let basic = WrittenMemoryCell(inputSize: 3, hiddenSize: 4, design: .basic, generator: &generator)
        // LSTMCell stacks gates i, f, g, o with two biases; give the second bias to zero.
        let gates: [(GateWeights, Int)] = [(basic.inputGate, 0), (basic.forgetGate, 1), (basic.candidate, 2), (basic.readGate, 3)]
        for (gate, block) in gates {
            let rows = (block * 4)..<((block + 1) * 4)
            gate.input.value = Tensor(shape: [4, 3], scalars: Array(lstm.weightIH.value.scalars[(rows.lowerBound * 3)..<(rows.upperBound * 3)]))
            gate.recurrent!.value = Tensor(shape: [4, 4], scalars: Array(lstm.weightHH.value.scalars[(rows.lowerBound * 4)..<(rows.upperBound * 4)]))
            gate.bias.value = Tensor(Array(lstm.biasIH.value.scalars[rows]))
        }
        lstm.biasHH.value = Tensor(zeros: [16])
        let input = Variable(randomTensor([2, 5, 3], seed: 59))
        let expected = unroll(lstm, over: input).output.value
        let actual = unroll(basic, over: input).output.value
        #expect(largestRelativeError(actual, expected) < 1e-6)
    }

    /// The two GRU placements of the reset gate are different functions.
    @Test func choAndPyTorchGRUDiffer() {
        var generator = RandomGenerator(seed: 60)
        let pytorch = GRUCell(inputSize: 3, hiddenSize: 4, generator: &generator)
        let cho = GRUCell(inputSize: 3, hiddenSize: 4, resetAfterProduct: false, generator: &generator)
        for ((_, target), (_, source)) in zip(cho.namedParameters, pytorch.namedParameters) { target.value = source.value }
        let input = Variable(randomTensor([2, 5, 3], seed: 61))
        let difference = largestRelativeError(unroll(pytorch, over: input).output.value, unroll(cho, over: input).output.value)
        #expect(difference > 1e-3)
    }

    /// The prototype's state drifts; the normalised prototype's stays bounded.
    @Test func normalisationBoundsThePrototypeState() {
        var generator = RandomGenerator(seed: 62)
        let prototype = WrittenMemoryCell(inputSize: 2, hiddenSize: 8, design: .prototype, generator: &generator)
        let normalized = WrittenMemoryCell(inputSize: 2, hiddenSize: 8, design: .normalizedPrototype, generator: &generator)
        for ((_, target), (_, source)) in zip(normalized.namedParameters, prototype.namedParameters) { target.value = source.value }
        prototype.setGateBiases(forget: 3, write: 3)
        normalized.setGateBiases(forget: 3, write: 3)
        let input = Variable(Tensor(repeating: 1, shape: [1, 200, 2]))
        let drifting = unroll(prototype, over: input).state.cell.value.norm()
        let bounded = unroll(normalized, over: input).state.cell.value.norm()
        #expect(drifting > 10 * bounded)
    }
}
