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
}
