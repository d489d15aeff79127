import WideKernels

/// The input weight gradient of a recurrent layer with at most eight inputs,
/// `∂W_ih[g, f] += Σ_k ∂P[k, g] · X[k, f]`, and its bias gradient `∂b_ih[g] += Σ_k ∂P[k, g]`,
/// read straight from where the backward pass left `∂P`.
///
/// `MatrixProduct` would give the same bits — each entry adds its products in depth order, one
/// fused multiply-add at a time from its current value, and each sum one addition at a time —
/// but it copies all of `∂P` into panels first, which for eight columns of output costs more
/// than the products. Here each gradient row is read once, through a row walk, so the rows of
/// `∂P` and of `X` may lie in different orders (the backward pass keeps `∂P` by step, the
/// input is stored by sequence).
enum ThinWeightGradient {
    /// The most inputs the kernel handles; wider layers use `MatrixProduct`.
    static let maximumFeatures = 8

    /// Where the rows of a matrix are, in depth order: depth `k = o · innerCount + i` is the row
    /// at `base + o · outerStride + i · innerStride` (strides in floats, either may be negative).
    struct RowWalk {
        let base: UnsafePointer<Float>
        let outerStride: Int
        let innerStride: Int

        func row(outer o: Int, inner i: Int) -> UnsafePointer<Float> { base + o * outerStride + i * innerStride }
    }

    /// - Parameters:
    ///   - columns: `G`, the gate rows of `W_ih`.
    ///   - features: the layer's inputs, `1 ... maximumFeatures`.
    ///   - outerCount, innerCount: the depth is `K = outerCount · innerCount`.
    ///   - x: the input rows, `features` values each.
    ///   - d: the gradient rows, `G` values each.
    ///   - gradient: `[G, features]`, contiguous; `sums`: `[G]` or `nil`.
    static func accumulate(
        columns: Int, features: Int, outerCount: Int, innerCount: Int, x: RowWalk, d: RowWalk,
        gradient: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>?
    ) {
        precondition(features >= 1 && features <= maximumFeatures, "thin weight gradient: \(features) inputs")
        let depth = outerCount * innerCount
        guard columns > 0, depth > 0 else { return }
        // The kernels read the inputs as `[K, 8]` in depth order, so they are copied there;
        // narrower inputs are padded with zero columns (their products are computed and
        // dropped). A chunk of the backward pass is a few hundred rows, so the copy is small
        // beside the products. (The backward pass walks the input by step but stores it by
        // sequence, so it is in that layout only for one sequence of one step: one row.)
        let padded = ScratchBuffer(zeros: depth * maximumFeatures)
        for o in 0..<outerCount {
            for i in 0..<innerCount {
                let (source, target) = (x.row(outer: o, inner: i), padded.base + (o * innerCount + i) * maximumFeatures)
                // A whole row is one vector copy rather than a call to memmove per row.
                if features == maximumFeatures {
                    Lanes8.store(Lanes8.load(source), target)
                } else {
                    target.update(from: source, count: features)
                }
            }
        }
        let inputs = UnsafePointer(padded.base)
        var column = 0
        if Engine.usesWideVectors {
            column = columns - columns % 16
            WideThinWeightGradient.accumulate(
                columns: column, features: features, x: inputs, d: d.base, outerCount: outerCount, outerStride: d.outerStride,
                innerCount: innerCount, innerStride: d.innerStride, gradient: gradient, ldg: features, sums: sums)
        }
        let source = Source(x: inputs, d: d.base, outerCount: outerCount, outerStride: d.outerStride, innerCount: innerCount, innerStride: d.innerStride)
        while column + 8 <= columns {
            block(Lanes8.self, column: column, features: features, source: source, gradient: gradient, sums: sums)
            column += 8
        }
        while column < columns {
            block(Lanes1.self, column: column, features: features, source: source, gradient: gradient, sums: sums)
            column += 1
        }
    }

    /// Where the inputs (`[K, 8]`) and the gradient rows are.
    private struct Source {
        let x: UnsafePointer<Float>
        let d: UnsafePointer<Float>
        let outerCount, outerStride, innerCount, innerStride: Int
    }

    /// Columns `column ..< column + L.width` of the gradient and the sums, over all depth.
    @inline(__always)
    private static func block<L: Lanes>(
        _ lanes: L.Type, column: Int, features: Int, source: Source,
        gradient: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>?
    ) {
        var entries = Entries<L>(gradient: gradient + column * features, features: features, sums: sums.map { $0 + column })
        var k = 0
        for o in 0..<source.outerCount {
            var row = source.d + o * source.outerStride + column
            for _ in 0..<source.innerCount {
                entries.add(source.x + k * maximumFeatures, row)
                row += source.innerStride
                k += 1
            }
        }
        entries.store(gradient: gradient + column * features, features: features, sums: sums.map { $0 + column })
    }

    /// `L.width` gate columns' entries for the eight inputs, and their sums, held in registers
    /// (entry `(lane, f)` of the block is `gradient[lane * features + f]`).
    private struct Entries<L: Lanes> {
        var f0, f1, f2, f3, f4, f5, f6, f7, sum: L.Value

        @inline(__always)
        init(gradient: UnsafeMutablePointer<Float>, features: Int, sums: UnsafeMutablePointer<Float>?) {
            @inline(__always) func gathered(_ f: Int) -> L.Value {
                guard f < features else { return L.splat(0) }
                return withUnsafeTemporaryAllocation(of: Float.self, capacity: L.width) { lanes in
                    for lane in 0..<L.width { lanes[lane] = gradient[lane * features + f] }
                    return L.load(lanes.baseAddress!)
                }
            }
            (f0, f1, f2, f3) = (gathered(0), gathered(1), gathered(2), gathered(3))
            (f4, f5, f6, f7) = (gathered(4), gathered(5), gathered(6), gathered(7))
            sum = sums.map { L.load($0) } ?? L.splat(0)
        }

        /// One depth step: `x` holds the step's eight inputs, `d` its `L.width` gradients.
        @inline(__always)
        mutating func add(_ x: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
            let values = L.load(d)
            sum = sum + values
            f0 = L.fma(L.splat(x[0]), values, f0)
            f1 = L.fma(L.splat(x[1]), values, f1)
            f2 = L.fma(L.splat(x[2]), values, f2)
            f3 = L.fma(L.splat(x[3]), values, f3)
            f4 = L.fma(L.splat(x[4]), values, f4)
            f5 = L.fma(L.splat(x[5]), values, f5)
            f6 = L.fma(L.splat(x[6]), values, f6)
            f7 = L.fma(L.splat(x[7]), values, f7)
        }

        @inline(__always)
        func store(gradient: UnsafeMutablePointer<Float>, features: Int, sums: UnsafeMutablePointer<Float>?) {
            let all = (f0, f1, f2, f3, f4, f5, f6, f7)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: L.width) { lanes in
                for f in 0..<features {
                    let value = switch f {
                    case 0: all.0
                    case 1: all.1
                    case 2: all.2
                    case 3: all.3
                    case 4: all.4
                    case 5: all.5
                    case 6: all.6
                    default: all.7
                    }
                    L.store(value, lanes.baseAddress!)
                    for lane in 0..<L.width { gradient[lane * features + f] = lanes[lane] }
                }
            }
            if let sums { L.store(sum, sums) }
        }
    }
}
