import CEngineSupport
import Testing
@testable import Recurrent

/// The 16-wide GRU step (`WideGRUStep`) against `FusedGRUCell`'s 8-wide and scalar lanes: a
/// whole layer's outputs, final state and every gradient, including the initial state's, must
/// have the same bits whichever kernels ran, with full and with padded batches.
@Suite struct WideGRUStepTests {
    /// Output, final state, the gradients of the input and the initial state, and the
    /// parameter gradients of one forward and backward pass, as bit patterns.
    static func passBits(hiddenSize: Int, lengths: [Int]?, wide: Bool) -> [[UInt32]] {
        VectorWidth.with(wide: wide) {
            var generator = RandomGenerator(seed: 71)
            let layer = GRU(inputSize: 3, hiddenSize: hiddenSize, generator: &generator)
            // Inputs large enough to drive some gates into the clamped range of tanh.
            let input = Variable(randomTensor([4, 7, 3], seed: 72, range: 6), requiresGradient: true)
            let initial = Variable(randomTensor([1, 4, hiddenSize], seed: 73), requiresGradient: true)
            let (output, state) = layer(input, initialState: initial, lengths: lengths)
            let weights = Variable(randomTensor(output.shape, seed: 74))
            ((output * weights).sum() + (state * state).sum()).backward()
            let tensors = [output.value, state.value, input.gradient!, initial.gradient!]
                + layer.namedParameters.map(\.parameter.gradient)
            return tensors.map { $0.scalars.map(\.bitPattern) }
        }
    }

    /// 16 and 128 units run entirely 16-wide; 37 also runs the 8-wide and scalar remainders.
    /// Lengths 7, 3, 7, 5 leave inactive sequences between active ones, so a step's kernel is
    /// called on several runs of sequences.
    @Test(.enabled(if: cpu_features_has_avx512() != 0, "needs a processor with AVX-512"),
          arguments: [16, 37, 128], [nil, [7, 3, 7, 5]] as [[Int]?])
    func wideGRUStepGivesTheSameBits(hiddenSize: Int, lengths: [Int]?) {
        let wide = Self.passBits(hiddenSize: hiddenSize, lengths: lengths, wide: true)
        let narrow = Self.passBits(hiddenSize: hiddenSize, lengths: lengths, wide: false)
        #expect(wide.count == narrow.count)
        for (index, (w, n)) in zip(wide, narrow).enumerated() {
            let differing = zip(w, n).filter { $0 != $1 }.count
            #expect(w.count == n.count && differing == 0, "tensor \(index): \(differing) of \(w.count) values differ")
        }
    }
}
