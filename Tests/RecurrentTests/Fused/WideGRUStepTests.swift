import CEngineSupport
import Testing
import WideKernels
@testable import Recurrent

/// The 16-wide GRU step (`WideGRUStep`) against `FusedGRUCell`'s lanes (16, 8 and 1 wide): the
/// kernel called directly on random rows, and a whole layer's outputs, final state and every
/// gradient, including the initial state's, with full and padded batches. Either way the bits
/// must be the same whichever code ran.
@Suite(.enabled(if: cpu_features_has_avx512() != 0, "needs a processor with AVX-512"))
struct WideGRUStepTests {
    /// Rows of a step's buffers, random: pre-activations in ±20, so that the clamp of tanh
    /// (±7.99, reached by σ's `x/2` beyond ±16) is taken in some lanes; gate values in (0, 1)
    /// as a forward step leaves them. Twice the rows the step reads, so the kernel's prefetch
    /// hints for the next (or previous) step's rows point into the buffers.
    final class Rows {
        let rows: Int, size: Int, projectedStride: Int
        private var storage: [String: UnsafeMutableBufferPointer<Float>] = [:]

        init(rows: Int, size: Int, seed: UInt64) {
            (self.rows, self.size, projectedStride) = (rows, size, 3 * size + 5)
            var generator = RandomGenerator(seed: seed)
            let (h, g) = (2 * rows * size, 2 * rows * 3 * size)
            let shapes: [(String, Int, ClosedRange<Float>)] = [
                ("projected", 2 * rows * projectedStride, -20...20), ("recurrent", g, -20...20),
                ("previousHidden", h, -1...1), ("hidden", h, -1...1), ("gates", g, 0.001...0.999), ("extra", h, -20...20),
                ("hiddenGradient", h, -1...1), ("projectedGradient", 2 * rows * projectedStride, -1...1),
                ("recurrentGradient", g, -1...1), ("unused", max(h, g), 0...0),
            ]
            for (name, count, range) in shapes {
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
                for i in 0..<count { buffer[i] = generator.uniform(range.lowerBound, range.upperBound) }
                storage[name] = buffer
            }
        }

        deinit { storage.values.forEach { $0.deallocate() } }

        subscript(_ name: String) -> UnsafeMutablePointer<Float> { storage[name]!.baseAddress! }

        /// Every buffer's bit patterns, by name.
        var bits: [String: [UInt32]] { storage.mapValues { $0.map(\.bitPattern) } }

        func forwardRow(_ b: Int) -> FusedForwardRow {
            FusedForwardRow(
                size: size, projected: self["projected"] + b * projectedStride, recurrent: self["recurrent"] + b * 3 * size,
                previousHidden: self["previousHidden"] + b * size, previousCell: self["unused"],
                hidden: self["hidden"] + b * size, cell: self["unused"], gates: self["gates"] + b * 3 * size,
                extra: self["extra"] + b * size, peephole: self["unused"])
        }

        func backwardRow(_ b: Int) -> FusedBackwardRow {
            FusedBackwardRow(
                size: size, gates: self["gates"] + b * 3 * size, extra: self["extra"] + b * size,
                previousHidden: self["previousHidden"] + b * size, previousCell: self["unused"], newCell: self["unused"],
                hiddenGradient: self["hiddenGradient"] + b * size, cellGradient: self["unused"],
                projectedGradient: self["projectedGradient"] + b * projectedStride,
                recurrentGradient: self["recurrentGradient"] + b * 3 * size, peephole: self["unused"],
                peepholeGradient: self["unused"], gateValueGradient: nil, gatedStateGradient: self["unused"])
        }
    }

    /// Runs the kernel on one copy of the rows and the 8-wide lanes on another, and expects
    /// the same bits in every buffer.
    static func expectSameBits(_ phase: String, wide: (Rows) -> Void, lanes: (Rows) -> Void) {
        let (a, b) = (Rows(rows: 3, size: 48, seed: 81), Rows(rows: 3, size: 48, seed: 81))
        wide(a)
        lanes(b)
        let (x, y) = (a.bits, b.bits)
        for name in x.keys.sorted() {
            let differing = zip(x[name]!, y[name]!).filter { $0 != $1 }.count
            #expect(differing == 0, "\(phase): \(differing) values of \(name) differ")
        }
    }

    /// The kernel itself, with its prefetch hints on, against the lanes on the same values.
    @Test func kernelGivesTheBitsOfTheLanes() {
        let cell = FusedGRUCell()
        Self.expectSameBits("forward", wide: { r in
            WideGRUStep.forward(
                rows: r.rows, size: r.size, units: r.size, projected: r["projected"], projectedStride: r.projectedStride,
                recurrent: r["recurrent"], previousHidden: r["previousHidden"], hidden: r["hidden"], gates: r["gates"],
                extra: r["extra"], nextStepRows: r.rows)
        }, lanes: { r in
            for b in 0..<r.rows {
                for j in stride(from: 0, to: r.size, by: 8) { cell.forwardLanes(Lanes8.self, unit: j, r.forwardRow(b)) }
            }
        })
        Self.expectSameBits("backward", wide: { r in
            // Rows from `rows` on stand for this step; the prefetch reads the step before.
            let (g, s) = (r.rows * 3 * r.size, r.rows * r.size)
            WideGRUStep.backward(
                rows: r.rows, size: r.size, units: r.size, gates: r["gates"] + g, extra: r["extra"] + s,
                previousHidden: r["previousHidden"] + s, hiddenGradient: r["hiddenGradient"] + s,
                projectedGradient: r["projectedGradient"] + r.rows * r.projectedStride, projectedStride: r.projectedStride,
                recurrentGradient: r["recurrentGradient"] + g, previousStepRows: r.rows)
        }, lanes: { r in
            for b in r.rows..<2 * r.rows {
                for j in stride(from: 0, to: r.size, by: 8) { cell.backwardLanes(Lanes8.self, unit: j, r.backwardRow(b)) }
            }
        })
    }

    /// Output, final state, the gradients of the input and the initial state, and the
    /// parameter gradients of one forward and backward pass, as bit patterns.
    static func passBits(hiddenSize: Int, lengths: [Int]?, wide: Bool) -> [[UInt32]] {
        VectorWidth.with(wide: wide) {
            var generator = RandomGenerator(seed: 71)
            let layer = GRU(inputSize: 3, hiddenSize: hiddenSize, generator: &generator)
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

    /// 16 and 128 units run entirely 16-wide; 45 (32 + 8 + 5) also runs the 8-wide and the
    /// scalar remainder. Lengths 7, 3, 7, 5 leave inactive sequences between active ones, so a
    /// step's kernel is called on several runs of sequences, one not starting at the first.
    @Test(arguments: [16, 45, 128], [nil, [7, 3, 7, 5]] as [[Int]?])
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
