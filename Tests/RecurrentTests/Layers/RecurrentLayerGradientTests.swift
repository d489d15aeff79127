import Testing
@testable import Recurrent

/// The fused layers' backward pass against finite differences, for every parameter, the input
/// and the initial states.
@Suite struct RecurrentLayerGradientTests {
    static let kinds: [RecurrentCellKind] = [
        .rnnTanh, .rnnReLU, .lstm, .gru, .peepholeLSTM, .choGRU,
        .structuredLSTM(LSTMStructure(greff: .coupledGates)),
        .structuredLSTM(LSTMStructure(greff: .noOutputActivation)),
        .structuredLSTM(LSTMStructure(inputGate: false, inputActivation: false)),
        .structuredLSTM(LSTMStructure(forgetGate: false, outputGate: false, peepholes: true)),
        .structuredLSTM(LSTMStructure(greff: .fullGateRecurrence)),
    ]

    @Test(arguments: kinds, [false, true])
    func fusedBackwardMatchesFiniteDifferences(kind: RecurrentCellKind, bidirectional: Bool) {
        var generator = RandomGenerator(seed: 21)
        let stack = RecurrentStack(
            kind: kind, inputSize: 3, hiddenSize: 4, layerCount: 2, bias: true, bidirectional: bidirectional,
            generator: &generator)
        let stateShape = stack.stateShape(batch: 2)
        let input = Parameter(randomTensor([2, 5, 3], seed: 22))
        let initialHidden = Parameter(randomTensor(stateShape, seed: 23, range: 0.5))
        let initialCell = Parameter(randomTensor(stateShape, seed: 24, range: 0.5))
        let outputWeights = randomTensor([2, 5, stack.directionCount * 4], seed: 25)
        let stateWeights = randomTensor(stateShape, seed: 26)

        func loss(_ result: (output: Tensor, hidden: Tensor, cell: Tensor?)) -> Double {
            var total = 0.0
            for (value, weight) in zip(result.output.scalars, outputWeights.scalars) { total += Double(value) * Double(weight) }
            for (value, weight) in zip(result.hidden.scalars, stateWeights.scalars) { total += Double(value) * Double(weight) }
            for (value, weight) in zip(result.cell?.scalars ?? [], stateWeights.scalars) { total += 0.5 * Double(value) * Double(weight) }
            return total
        }
        func evaluate() -> Double {
            let result = stack.forward(
                input.value, initialHidden: initialHidden.value, initialCell: kind.hasCellState ? initialCell.value : nil)
            return loss((result.output, result.hidden, result.cell))
        }

        let result = stack.forward(
            input.variable, initialHidden: initialHidden.variable, initialCell: kind.hasCellState ? initialCell.variable : nil)
        var total = (result.output * Variable(outputWeights)).sum() + (result.hidden * Variable(stateWeights)).sum()
        if let cell = result.cell { total = total + (cell * Variable(stateWeights * 0.5)).sum() }
        total.backward()

        var checked = stack.namedParameters + [("input", input), ("initial hidden", initialHidden)]
        if kind.hasCellState { checked.append(("initial cell", initialCell)) }
        for (name, parameter) in checked {
            let numerical = GradientCheck.numericalGradient(of: evaluate, parameter: parameter, epsilon: 1e-2)
            // ReLU's kink makes a few finite differences straddle two slopes; allow for that there.
            let tolerance: Float = kind == .rnnReLU ? 5e-2 : 1e-2
            let difference = GradientCheck.largestRelativeDifference(parameter.gradient.scalars, numerical)
            #expect(difference < tolerance, "\(kind) \(name): relative difference \(difference)")
        }
    }
}
