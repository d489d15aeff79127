import Foundation
import Testing
@testable import Recurrent

@Suite struct InstrumentTests {
    /// One step back, the Jacobian of a tanh RNN is `diag(1 − h_t²) · W_hh`.
    @Test func jacobianOfOneStepIsTheTanhDerivativeTimesTheRecurrentMatrix() {
        var generator = RandomGenerator(seed: 6)
        let rnn = RNN(inputSize: 2, hiddenSize: 3, generator: &generator)
        let input = randomTensor([1, 6, 2], seed: 7)
        let norms = Instruments.jacobianNorms(rnn, input: input)
        #expect(norms.count == 6)
        #expect(abs(norms[0] - 1) < 1e-5, "distance 0 is the identity")
        let states = rnn(input).output
        let recurrent = rnn.parameter(named: "weight_hh_l0")!.value
        var jacobian = Tensor(zeros: [3, 3])
        for i in 0..<3 {
            let derivative = 1 - states[0, 5, i] * states[0, 5, i]
            for j in 0..<3 { jacobian[i, j] = derivative * recurrent[i, j] }
        }
        #expect(abs(norms[1] - Spectrum.largestSingularValue(jacobian)) < 1e-5)
        #expect(rnn.namedParameters.allSatisfy { $0.parameter.gradient.scalars.allSatisfy { $0 == 0 } },
                "parameter gradients are left as they were")
    }

    @Test func stateGradientNormsFollowTheLoss() {
        var generator = RandomGenerator(seed: 8)
        let lstm = LSTM(inputSize: 2, hiddenSize: 4, generator: &generator)
        lstm.recordsStateGradients = true
        let input = randomTensor([3, 10, 2], seed: 9)
        let weights = randomTensor([3, 4], seed: 10)
        let (output, _) = lstm(Variable(input))
        (output.step(9) * Variable(weights)).sum().backward()
        let norms = Instruments.stateGradientNorms(lstm)
        #expect(norms.count == 1 && norms[0].count == 10)
        // At the last step the gradient is the loss's weights themselves.
        #expect(abs(norms[0][9] - weights.norm()) < 1e-5)
        #expect(norms[0][0] < norms[0][9])
    }

    @Test func internalsExposeGatesAndCells() {
        var generator = RandomGenerator(seed: 11)
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, bidirectional: true, generator: &generator)
        let input = randomTensor([2, 5, 2], seed: 12)
        let internals = lstm.internals(input)
        #expect(internals.count == 2)
        #expect(internals[0].gate(.output).shape == [2, 5, 3])
        // h_t = o_t ⊙ tanh(c_t), per direction and step.
        let output = lstm(input).output
        for (direction, traced) in internals.enumerated() {
            let cells = traced.cells!
            let outputGate = traced.gate(.output)
            for b in 0..<2 {
                for t in 0..<5 {
                    for j in 0..<3 {
                        let expected = outputGate[b, t, j] * tanhf(cells[b, t, j])
                        #expect(abs(output[b, t, direction * 3 + j] - expected) < 1e-6)
                    }
                }
            }
        }
    }
}
