import Foundation
import Testing
@testable import Recurrent

@Suite struct RecurrentLayerTests {
    /// One step of an RNN is `tanh(W_ih x + b_ih + W_hh h + b_hh)`, computed here in Double.
    @Test func rnnStepIsTheElmanEquation() {
        var generator = RandomGenerator(seed: 9)
        let rnn = RNN(inputSize: 2, hiddenSize: 3, generator: &generator)
        let input = Tensor(shape: [1, 1, 2], scalars: [0.5, -1])
        let initial = Tensor(shape: [1, 1, 3], scalars: [0.1, -0.2, 0.3])
        let (output, state) = rnn(input, initialState: initial)
        let wih = rnn.parameter(named: "weight_ih_l0")!.value
        let whh = rnn.parameter(named: "weight_hh_l0")!.value
        let bih = rnn.parameter(named: "bias_ih_l0")!.value
        let bhh = rnn.parameter(named: "bias_hh_l0")!.value
        for unit in 0..<3 {
            var sum = Double(bih[unit]) + Double(bhh[unit])
            for feature in 0..<2 { sum += Double(wih[unit, feature]) * Double(input[0, 0, feature]) }
            for other in 0..<3 { sum += Double(whh[unit, other]) * Double(initial[0, 0, other]) }
            #expect(abs(Double(output[0, 0, unit]) - Foundation.tanh(sum)) < 1e-6)
        }
        #expect(state.scalars == output.scalars)
    }

    @Test func parametersHavePyTorchNamesShapesAndCounts() {
        var generator = RandomGenerator(seed: 1)
        let lstm = LSTM(inputSize: 3, hiddenSize: 5, layerCount: 2, bidirectional: true, generator: &generator)
        let names = lstm.namedParameters.map(\.name)
        #expect(names.prefix(8) == [
            "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
        ])
        #expect(lstm.parameter(named: "weight_ih_l1")!.shape == [20, 10])
        // PyTorch: sum(p.numel() for p in nn.LSTM(3, 5, 2, bidirectional=True).parameters()) == 1080
        #expect(lstm.parameterCount == 1080)
        let gru = GRU(inputSize: 3, hiddenSize: 5, generator: &generator)
        #expect(gru.parameterCount == 3 * (5 * 3 + 5 * 5 + 5 + 5))
    }

    @Test func pytorchDefaultInitialisationBound() {
        var generator = RandomGenerator(seed: 2)
        let rnn = RNN(inputSize: 4, hiddenSize: 16, generator: &generator)
        let bound: Float = 1 / 4
        for (_, parameter) in rnn.namedParameters {
            #expect(parameter.value.scalars.allSatisfy { $0 >= -bound && $0 < bound })
        }
    }

    @Test func sameSeedSameWeightsAndOutputs() {
        func run() -> Tensor {
            var generator = RandomGenerator(seed: 77)
            let gru = GRU(inputSize: 2, hiddenSize: 4, layerCount: 2, generator: &generator)
            let input = Tensor(shape: [3, 6, 2], scalars: (0..<36).map { _ in generator.uniform(-1, 1) })
            return gru(input).output
        }
        #expect(run().scalars.map(\.bitPattern) == run().scalars.map(\.bitPattern))
    }

    @Test func bidirectionalOutputConcatenatesDirections() {
        var generator = RandomGenerator(seed: 4)
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, bidirectional: true, generator: &generator)
        let input = Tensor(shape: [2, 4, 2], scalars: (0..<16).map { Float($0) / 16 })
        let (output, state) = lstm(input)
        #expect(output.shape == [2, 4, 6])
        #expect(state.hidden.shape == [2, 2, 3])
        // The forward direction ends at the last step, the reverse direction at the first.
        for b in 0..<2 {
            for j in 0..<3 {
                #expect(state.hidden[0, b, j] == output[b, 3, j])
                #expect(state.hidden[1, b, j] == output[b, 0, 3 + j])
            }
        }
    }
}
