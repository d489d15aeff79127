import Testing
@testable import Recurrent

/// Where `∂P` equals `∂R` and the input needs no gradient, the backward pass stores it once and
/// reads the input-weight gradient from `∂R` by step; otherwise it stores `∂P` by sequence. The
/// parameters' gradients must have the same bits either way — forwards and reversed, with
/// padded sequences, and in a second layer, which always passes a gradient down.
@Suite struct ProjectedGradientSharingTests {
    enum Kind: CaseIterable { case lstm, rnn, gru }

    /// Every parameter gradient of one pass, as bit patterns, asking or not for the input's.
    static func parameterGradientBits(_ kind: Kind, inputSize: Int, inputGradient: Bool) -> [[UInt32]] {
        var generator = RandomGenerator(seed: 71)
        let layer: RecurrentLayer = switch kind {
        case .lstm: LSTM(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        case .rnn: RNN(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        case .gru: GRU(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        }
        let input = Variable(randomTensor([5, 6, inputSize], seed: 72, range: 2), requiresGradient: inputGradient)
        let lengths = [6, 3, 0, 5, 1]
        let output: Variable = switch kind {
        case .lstm: (layer as! LSTM)(input, lengths: lengths).output
        case .rnn: (layer as! RNN)(input, lengths: lengths).output
        case .gru: (layer as! GRU)(input, lengths: lengths).output
        }
        (output * Variable(randomTensor(output.shape, seed: 73))).sum().backward()
        return layer.namedParameters.map { $0.parameter.gradient.scalars.map(\.bitPattern) }
    }

    @Test(arguments: Kind.allCases, [3, 8, 11])
    func parameterGradientsDoNotDependOnWhereTheGradientIsStored(kind: Kind, inputSize: Int) {
        let shared = Self.parameterGradientBits(kind, inputSize: inputSize, inputGradient: false)
        let stored = Self.parameterGradientBits(kind, inputSize: inputSize, inputGradient: true)
        #expect(shared.count == stored.count)
        for (index, (a, b)) in zip(shared, stored).enumerated() {
            let differing = zip(a, b).filter { $0 != $1 }.count
            #expect(a.count == b.count && differing == 0, "parameter \(index): \(differing) of \(a.count) values differ")
        }
    }

    /// A batch of zero steps has nothing to add to the input weights' gradient, whichever
    /// path would have read it.
    @Test(arguments: [false, true])
    func zeroStepsLeaveTheGradientsZero(inputGradient: Bool) {
        var generator = RandomGenerator(seed: 74)
        let layer = LSTM(inputSize: 3, hiddenSize: 5, generator: &generator)
        let input = Variable(Tensor(zeros: [2, 0, 3]), requiresGradient: inputGradient)
        let (output, state) = layer(input)
        #expect(output.shape == [2, 0, 5])
        (output.sum() + state.hidden.sum() + state.cell.sum()).backward()
        for (name, parameter) in layer.namedParameters {
            #expect(parameter.gradient.scalars.allSatisfy { $0 == 0 }, "\(name)")
        }
    }
}
