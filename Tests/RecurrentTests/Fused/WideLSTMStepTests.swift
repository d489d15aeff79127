import CEngineSupport
import Testing
@testable import Recurrent

/// The 16-wide LSTM step (`WideLSTMStep`) against `FusedLSTMCell`'s lanes (16, 8 and 1 wide):
/// a whole layer's outputs, final states and every gradient must have the same bits whichever
/// kernels ran.
@Suite struct WideLSTMStepTests {
    /// Output, final hidden and cell states, input gradient and parameter gradients of one
    /// forward and backward pass, as bit patterns.
    static func passBits(hiddenSize: Int, wide: Bool) -> [[UInt32]] {
        VectorWidth.with(wide: wide) { passBits(hiddenSize: hiddenSize) }
    }

    /// `passBits` with whichever kernels are selected.
    private static func passBits(hiddenSize: Int) -> [[UInt32]] {
        var generator = RandomGenerator(seed: 61)
        let layer = LSTM(inputSize: 3, hiddenSize: hiddenSize, generator: &generator)
        let input = Variable(randomTensor([4, 7, 3], seed: 62, range: 6), requiresGradient: true)
        let (output, state) = layer(input)
        let weights = Variable(randomTensor(output.shape, seed: 63))
        ((output * weights).sum() + state.hidden.sum() + (state.cell * state.cell).sum()).backward()
        let tensors = [output.value, state.hidden.value, state.cell.value, input.gradient!]
            + layer.namedParameters.map(\.parameter.gradient)
        return tensors.map { $0.scalars.map(\.bitPattern) }
    }

    /// 16 and 128 units run entirely 16-wide; 45 (32 + 8 + 5) also runs the 8-wide and the
    /// scalar remainder.
    @Test(.enabled(if: cpu_features_has_avx512() != 0, "needs a processor with AVX-512"),
          arguments: [16, 45, 128])
    func wideLSTMStepGivesTheSameBits(hiddenSize: Int) {
        let wide = Self.passBits(hiddenSize: hiddenSize, wide: true)
        let narrow = Self.passBits(hiddenSize: hiddenSize, wide: false)
        #expect(wide.count == narrow.count)
        for (index, (w, n)) in zip(wide, narrow).enumerated() {
            let differing = zip(w, n).filter { $0 != $1 }.count
            #expect(w.count == n.count && differing == 0, "tensor \(index): \(differing) of \(w.count) values differ")
        }
    }
}
