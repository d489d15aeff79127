import Foundation
import CEngineSupport
import Testing
@testable import Recurrent

@Suite(.serialized) struct MatrixProductTests {
    /// The product in Double, the reference.
    static func reference(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Double] {
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposeB ? b.shape[0] : b.shape[1]
        var result = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? a.scalars[p * m + i] : a.scalars[i * k + p]
                    let y = transposeB ? b.scalars[j * k + p] : b.scalars[p * n + j]
                    sum += Double(x) * Double(y)
                }
                result[i * n + j] = sum
            }
        }
        return result
    }

    /// `start (+)= a · op(b)` through the raw product, for `a` `[m, k]` and `b` `[k, n]`
    /// (`[n, k]` when `transposeB`).
    static func product(_ a: Tensor, _ b: Tensor, transposeB: Bool, startingFrom start: Tensor, accumulate: Bool) -> [Float] {
        let (m, k, n) = (a.shape[0], a.shape[1], start.shape[1])
        var c = start
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.scalars.withUnsafeMutableBufferPointer { pc in
                    MatrixProduct.multiply(
                        m: m, n: n, k: k, a: pa.baseAddress!, lda: k, transposeA: false,
                        b: pb.baseAddress!, ldb: b.shape[1], transposeB: transposeB, c: pc.baseAddress!, ldc: n,
                        accumulate: accumulate)
                }
            }
        }
        return c.scalars
    }

    /// `C = start (+)= op(A) · op(B)` through `MatrixProduct.multiply`, and how many of its
    /// entries differ in any bit from their one fused chain in increasing depth from their start
    /// (zero, or `start` when accumulating). `a` is stored `[k, lda]` when `transposeA`, else
    /// `[m, lda]`; `b` likewise with `ldb`.
    static func entriesDifferingFromTheirChains(
        m: Int, n: Int, k: Int, a: Tensor, lda: Int, transposeA: Bool, b: Tensor, ldb: Int, transposeB: Bool,
        start: Tensor, accumulate: Bool
    ) -> Int {
        var c = start
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.scalars.withUnsafeMutableBufferPointer { pc in
                    MatrixProduct.multiply(
                        m: m, n: n, k: k, a: pa.baseAddress!, lda: lda, transposeA: transposeA, b: pb.baseAddress!, ldb: ldb,
                        transposeB: transposeB, c: pc.baseAddress!, ldc: n, accumulate: accumulate)
                }
            }
        }
        var differing = 0
        for i in 0..<m {
            for j in 0..<n {
                var chain: Float = accumulate ? start.scalars[i * n + j] : 0
                for p in 0..<k {
                    let x = transposeA ? a.scalars[p * lda + i] : a.scalars[i * lda + p]
                    let y = transposeB ? b.scalars[j * ldb + p] : b.scalars[p * ldb + j]
                    chain = chain.addingProduct(x, y)
                }
                if chain.bitPattern != c.scalars[i * n + j].bitPattern { differing += 1 }
            }
        }
        return differing
    }

    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (5, 15, 7), (6, 16, 16), (7, 17, 3), (8, 32, 64), (9, 33, 257), (13, 31, 300), (32, 512, 128),
        (32, 128, 512), (50, 100, 20), (16, 48, 40), (24, 16, 300),
        // Around the wide kernels' 48-column tiles: a partial tile inside the 8 × 48 kernel; two
        // whole tiles over two depth blocks (on a 48 KiB L1); whole and partial edges left to
        // the 8 × 32 and 8 × 16 kernels after a 48-column tile.
        (9, 47, 130), (17, 96, 200), (8, 80, 33), (8, 64, 20), (9, 70, 130), (11, 100, 20),
    ]

    /// Both kernels against a Double reference, every shape around the panel edges, both
    /// transposes, overwrite and accumulate.
    @Test func agreesWithAReferenceOnEveryEdge() {
        for wide in VectorWidth.available {
            VectorWidth.with(wide: wide) {
                for (index, shape) in Self.shapes.enumerated() {
                    for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                        let a = randomTensor(transposeA ? [shape.k, shape.m] : [shape.m, shape.k], seed: UInt64(100 + index))
                        let b = randomTensor(transposeB ? [shape.n, shape.k] : [shape.k, shape.n], seed: UInt64(200 + index))
                        let product = a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB)
                        let expected = Self.reference(a, b, transposeA: transposeA, transposeB: transposeB)
                        let error = zip(product.scalars, expected).map { abs(Double($0) - $1) }.max()!
                        #expect(error < 1e-4 * Double(shape.k), "wide \(wide) \(shape) transposes \(transposeA) \(transposeB): \(error)")
                    }
                }
            }
        }
    }

    /// `Tensor.matmul` hands the product an unwritten result; with no depth to sum over, the
    /// product is still every entry zero (and with no rows or columns, empty).
    @Test func aProductOfDepthZeroIsZeros() {
        for (m, n) in [(3, 4), (9, 70), (1, 1)] {
            let product = Tensor(zeros: [m, 0]).matmul(Tensor(zeros: [0, n]))
            #expect(product == Tensor(zeros: [m, n]))
            #expect(Tensor(zeros: [0, m]).matmul(Tensor(zeros: [0, n]), transposeSelf: true) == Tensor(zeros: [m, n]))
        }
        #expect(Tensor(zeros: [0, 5]).matmul(Tensor(zeros: [5, 3])).shape == [0, 3])
        #expect(Tensor(zeros: [4, 5]).matmul(Tensor(zeros: [5, 0])).shape == [4, 0])
    }

    /// Every entry of `C` is one chain of fused multiply-adds in increasing `k` from its start
    /// (zero, or `C` when accumulating), with either kernel width: the bits do not depend on
    /// blocking, packing, the kernel's block shape, or on a narrow product being computed as
    /// its transpose.
    @Test func everyEntryIsOneFusedChainInDepthOrder() {
        let shapes: [(m: Int, n: Int, k: Int)] = [
            (64, 8, 300), (100, 3, 40), (512, 8, 600), (70, 15, 9), (9, 33, 257), (32, 512, 128),
            (9, 47, 130), (17, 96, 200), (8, 80, 33), (8, 64, 20), (9, 70, 130), (11, 100, 20),
            // Products whose 6-row panels would end in every height 1 ... 5 (the 8-wide kernel
            // computes 2, 4 or 6 rows of a panel, and ends 13 and 20 rows with 4 + 3 and 4 + 4),
            // and whose 8-row panels end in 4 and 1 rows.
            (1, 20, 7), (13, 40, 50), (15, 33, 21), (16, 17, 64), (20, 50, 30), (25, 18, 10),
            // An untransposed A large enough to be copied into panels (past L1, four tiles of
            // B or more; for the 8-wide kernel rows 4 KiB apart), with a partial last panel.
            (100, 150, 200), (40, 64, 1024),
            // Last 6-row panels of 1 and 2 rows, which the 8-wide kernel runs as 4 + 3 and 4 + 4
            // (`rowsOfPanel`): read in place, copied into panels, and the smallest such `m`.
            (44, 64, 1024), (43, 64, 1024), (7, 20, 9), (8, 16, 40), (2, 16, 12), (128, 40, 33),
            // A transposed A with rows 4 KiB apart, which the 8-wide kernel copies into panels
            // (each thread's piece of it larger than a 48 KiB L1).
            (1024, 64, 80),
        ]
        for wide in VectorWidth.available {
            VectorWidth.with(wide: wide) {
                for (index, shape) in shapes.enumerated() {
                    for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                        let a = randomTensor(transposeA ? [shape.k, shape.m] : [shape.m, shape.k], seed: UInt64(900 + index))
                        let b = randomTensor(transposeB ? [shape.n, shape.k] : [shape.k, shape.n], seed: UInt64(950 + index))
                        let start = randomTensor([shape.m, shape.n], seed: UInt64(990 + index))
                        for accumulate in [false, true] {
                            let differing = Self.entriesDifferingFromTheirChains(
                                m: shape.m, n: shape.n, k: shape.k, a: a, lda: transposeA ? shape.m : shape.k, transposeA: transposeA,
                                b: b, ldb: transposeB ? shape.k : shape.n, transposeB: transposeB, start: start, accumulate: accumulate)
                            #expect(differing == 0, "wide \(wide) \(shape) transposes \(transposeA) \(transposeB) accumulate \(accumulate): \(differing) entries")
                        }
                    }
                }
            }
        }
    }

    /// The row panels of every product from 1 to 200 rows, with either kernel width, cover its
    /// rows once, in order, in `ceil(m / panelRows)` panels; the 8-wide kernel never runs a
    /// last panel of 1 or 2 rows after another panel (a batch of 32 as 6, 6, 6, 6, 4, 4).
    @Test func rowPanelsCoverEveryRowOnce() {
        for wide in VectorWidth.available {
            VectorWidth.with(wide: wide) {
                let panelRows = MatrixProduct.panelRows
                for m in 1...200 {
                    let count = (m + panelRows - 1) / panelRows
                    let panels = (0..<count).map { MatrixProduct.rowsOfPanel($0, m: m) }
                    var next = 0
                    for panel in panels {
                        #expect(panel.row == next && panel.rows >= 1 && panel.rows <= panelRows, "wide \(wide) m \(m): \(panels)")
                        next = panel.row + panel.rows
                    }
                    #expect(next == m, "wide \(wide) m \(m): \(panels)")
                    // Only the last panel may need the padded copy (one per product).
                    #expect(!panels.dropLast().contains { MatrixProduct.needsPaddedCopy(rows: $0.rows) }, "wide \(wide) m \(m)")
                    if !wide && count >= 2 { #expect(panels.last!.rows >= 3, "m \(m): \(panels)") }
                }
                if !wide {
                    #expect((0..<6).map { MatrixProduct.rowsOfPanel($0, m: 32).rows } == [6, 6, 6, 6, 4, 4])
                    #expect((0..<2).map { MatrixProduct.rowsOfPanel($0, m: 7).rows } == [4, 3])
                }
            }
        }
    }

    /// Row panels at the two ends of the layout, each entry checked against its chain: a
    /// transposed A whose rows are 4 KiB apart (copied into panels by the 8-wide kernel) ending
    /// in 4 + 3, 4 + 4 and 4 rows, and a product whose last two panels go to different pieces
    /// of two threads (4 + 3 rows, one panel a piece).
    @Test func tailPanelsAreOneChainPerEntryWhereverTheyAreRead() {
        let cases: [(m: Int, n: Int, k: Int, lda: Int, transposeA: Bool)] = [
            (1021, 64, 80, 1024, true), (1022, 64, 80, 1024, true), (1024, 64, 80, 1024, true), (43, 96, 256, 256, false),
        ]
        for wide in VectorWidth.available {
            VectorWidth.with(wide: wide) {
                for threads in [1, 2] {
                    ThreadCount.with(threads) {
                        for (index, shape) in cases.enumerated() {
                            let a = randomTensor(shape.transposeA ? [shape.k, shape.lda] : [shape.m, shape.lda], seed: UInt64(700 + index))
                            let b = randomTensor([shape.k, shape.n], seed: UInt64(720 + index))
                            let start = randomTensor([shape.m, shape.n], seed: UInt64(740 + index))
                            for accumulate in [false, true] {
                                let differing = Self.entriesDifferingFromTheirChains(
                                    m: shape.m, n: shape.n, k: shape.k, a: a, lda: shape.lda, transposeA: shape.transposeA,
                                    b: b, ldb: shape.n, transposeB: false, start: start, accumulate: accumulate)
                                #expect(differing == 0, "wide \(wide) threads \(threads) \(shape) accumulate \(accumulate): \(differing) entries")
                            }
                        }
                    }
                }
            }
        }
    }

    /// The depth sums of `op(A)` that ride along a product (bias gradients) are the sums of one
    /// addition at a time in depth order, whatever path the product takes.
    @Test func depthSumsAreAddedInDepthOrder() {
        let shapes: [(m: Int, n: Int, k: Int)] = [(64, 8, 300), (512, 8, 600), (70, 15, 9), (9, 33, 257), (512, 128, 700), (13, 0, 20)]
        for (index, shape) in shapes.enumerated() {
            let a = randomTensor([shape.k, shape.m], seed: UInt64(1100 + index))
            let b = randomTensor([shape.k, shape.n], seed: UInt64(1150 + index))
            var c = [Float](repeating: 0, count: max(1, shape.m * shape.n))
            let start = randomTensor([shape.m], seed: UInt64(1190 + index))
            var sums = start.scalars
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    MatrixProduct.multiply(
                        m: shape.m, n: shape.n, k: shape.k, a: pa.baseAddress!, lda: shape.m, transposeA: true,
                        b: pb.baseAddress ?? pa.baseAddress!, ldb: shape.n, transposeB: false, c: &c, ldc: max(1, shape.n),
                        accumulate: false, depthSumsOfA: &sums)
                }
            }
            var expected = start.scalars
            for p in 0..<shape.k { for i in 0..<shape.m { expected[i] += a.scalars[p * shape.m + i] } }
            #expect(sums.map(\.bitPattern) == expected.map(\.bitPattern), "\(shape)")
        }
    }

    /// The wide and narrow kernels give the same bits, including when accumulating into `C`.
    @Test(.enabled(if: cpu_features_has_avx512() != 0, "needs a processor with AVX-512"))
    func wideAndNarrowKernelsGiveTheSameBits() {
        for (index, shape) in Self.shapes.enumerated() {
            let a = randomTensor([shape.m, shape.k], seed: UInt64(300 + index))
            let b = randomTensor([shape.k, shape.n], seed: UInt64(400 + index))
            let start = randomTensor([shape.m, shape.n], seed: UInt64(500 + index))
            var results: [[Float]] = []
            for wide in [false, true] {
                results.append(VectorWidth.with(wide: wide) {
                    Self.product(a, b, transposeB: false, startingFrom: start, accumulate: true)
                })
            }
            #expect(results[0] == results[1], "\(shape)")
        }
    }

    /// A product reads the kernel width once and is cut for that kernel from start to end,
    /// even when `Engine.usesWideVectors` changes while it runs (as when a test switches it
    /// while other tests' products run). Read at each use, a product whose last row panel
    /// needs a padded copy (27 rows: 3 past a multiple of 8 and of 6) found no copy when the
    /// width changed between allocating it and using it, and stopped. On two threads a
    /// product of 2²¹ multiply-adds or more packs `B` in pieces, which must all slice its
    /// panels for one kernel's tiles, or a panel is left unpacked (two `B`s alternate, so a
    /// pooled block left over from the other would show).
    @Test(.enabled(if: cpu_features_has_avx512() != 0, "needs a processor with AVX-512"))
    func aProductKeepsOneKernelWhileTheWidthChanges() {
        let small = (a: randomTensor([27, 40], seed: 31), b: randomTensor([40, 70], seed: 32))
        let large = (a: randomTensor([64, 128], seed: 33), b: [randomTensor([128, 300], seed: 34), randomTensor([128, 300], seed: 35)])
        VectorWidth.with(wide: true) {
            ThreadCount.with(2) {
                let expectedSmall = small.a.matmul(small.b).scalars
                let expectedLarge = large.b.map { large.a.matmul($0).scalars }
                let switching = WidthSwitcher()
                let thread = Thread { switching.run() }
                thread.start()
                switching.waitForFirstSwitch()
                var differing = 0
                for _ in 0..<3_000 where small.a.matmul(small.b).scalars != expectedSmall { differing += 1 }
                for round in 0..<200 where large.a.matmul(large.b[round % 2]).scalars != expectedLarge[round % 2] {
                    differing += 1
                }
                switching.stop()
                #expect(switching.switches > 100, "the width changed \(switching.switches) times")
                #expect(differing == 0)
            }
        }
    }

    /// A right operand packed once gives the same bits as the product that packs it each
    /// time, for both transposes and depths beyond one block.
    @Test func packedOnceGivesTheSameBitsAsPackedEachTime() {
        for (index, shape) in Self.shapes.enumerated() {
            for transposeB in [false, true] {
                let a = randomTensor([shape.m, shape.k], seed: UInt64(600 + index))
                let b = randomTensor(transposeB ? [shape.n, shape.k] : [shape.k, shape.n], seed: UInt64(700 + index))
                let start = randomTensor([shape.m, shape.n], seed: UInt64(800 + index))
                let packed = PackedOperand.packing(b, transposed: transposeB)
                #expect(packed.k == shape.k && packed.n == shape.n)
                for accumulate in [false, true] {
                    let eachTime = Self.product(a, b, transposeB: transposeB, startingFrom: start, accumulate: accumulate)
                    var once = start
                    a.scalars.withUnsafeBufferPointer { pa in
                        once.scalars.withUnsafeMutableBufferPointer { pc in
                            MatrixProduct.multiply(
                                m: shape.m, a: pa.baseAddress!, lda: shape.k, transposeA: false, packed: packed,
                                c: pc.baseAddress!, ldc: shape.n, accumulate: accumulate)
                        }
                    }
                    #expect(once.scalars == eachTime, "\(shape) transposed \(transposeB) accumulate \(accumulate)")
                }
            }
        }
    }
}

/// Flips `Engine.usesWideVectors` until stopped, on a thread of its own, then leaves it wide.
private final class WidthSwitcher: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false, finished = false
    private var count = 0

    /// How many times the width changed.
    var switches: Int { lock.withLock { count } }

    func run() {
        while !lock.withLock({ stopped }) {
            Engine.usesWideVectors.toggle()
            lock.withLock { count += 1 }
        }
        Engine.usesWideVectors = true
        lock.withLock { finished = true }
    }

    /// Returns once the width has changed at least once.
    func waitForFirstSwitch() {
        while switches == 0 { Thread.sleep(forTimeInterval: 0.0001) }
    }

    /// Returns once the switching thread has set the width back.
    func stop() {
        lock.withLock { stopped = true }
        while !lock.withLock({ finished }) { Thread.sleep(forTimeInterval: 0.001) }
    }
}
