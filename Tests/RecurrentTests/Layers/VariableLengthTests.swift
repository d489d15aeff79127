import Testing
@testable import Recurrent

/// A padded batch with lengths must compute, for each sequence, what that sequence alone
/// computes, forward and backward.
@Suite struct VariableLengthTests {
    static let kinds: [RecurrentCellKind] = [.rnnTanh, .lstm, .gru, .peepholeLSTM, .choGRU]

    @Test(arguments: kinds)
    func paddedBatchEqualsSequencesAlone(_ kind: RecurrentCellKind) throws {
        var generator = RandomGenerator(seed: 71)
        let stack = RecurrentStack(
            kind: kind, inputSize: 3, hiddenSize: 4, layerCount: 2, bias: true, bidirectional: true, generator: &generator)
        let lengths = [6, 3, 1]
        let padded = randomTensor([3, 6, 3], seed: 72)
        let outputWeights = randomTensor([3, 6, 8], seed: 73)
        let batchInput = Variable(padded, requiresGradient: true)
        let batch = stack.forward(batchInput, initialHidden: nil, initialCell: nil, lengths: lengths)
        (batch.output * Variable(outputWeights)).sum().backward()
        let batchGradients = stack.namedParameters.map(\.parameter.gradient)
        let batchInputGradient = try #require(batchInput.gradient)
        for (_, parameter) in stack.namedParameters { parameter.zeroGradient() }

        for (b, length) in lengths.enumerated() {
            let alone = Tensor(shape: [1, length, 3], scalars: Array(padded.scalars[(b * 18)..<(b * 18 + length * 3)]))
            let aloneInput = Variable(alone, requiresGradient: true)
            let result = stack.forward(aloneInput, initialHidden: nil, initialCell: nil)
            let weights = Tensor(shape: [1, length, 8], scalars: Array(outputWeights.scalars[(b * 48)..<(b * 48 + length * 8)]))
            (result.output * Variable(weights)).sum().backward()
            for t in 0..<6 {
                for j in 0..<8 {
                    let expected = t < length ? result.output.value[0, t, j] : 0
                    #expect(abs(batch.output.value[b, t, j] - expected) < 1e-6, "\(kind) b\(b) t\(t)")
                }
            }
            for slot in 0..<4 {
                for j in 0..<4 {
                    #expect(abs(batch.hidden.value[slot, b, j] - result.hidden.value[slot, 0, j]) < 1e-6)
                }
            }
            let aloneGradient = try #require(aloneInput.gradient)
            for t in 0..<length {
                for j in 0..<3 {
                    #expect(abs(batchInputGradient[b, t, j] - aloneGradient[0, t, j]) < 1e-5)
                }
            }
        }
        // The parameters' gradients from the batch are the sums over the sequences alone.
        for ((name, parameter), batchGradient) in zip(stack.namedParameters, batchGradients) {
            #expect(largestRelativeError(batchGradient, parameter.gradient) < 1e-5, "\(kind) \(name)")
        }
    }
}
