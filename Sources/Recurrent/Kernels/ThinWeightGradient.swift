import WideKernels

/// The input weight gradient of a recurrent layer with at most eight inputs,
/// `∂W_ih[g, f] += Σ_k ∂P[k, g] · X[k, f]`, and its bias gradient `∂b_ih[g] += Σ_k ∂P[k, g]`,
/// read straight from where the backward pass left `∂P`.
///
/// `MatrixProduct` would give the same bits — each entry adds its products in depth order, one
/// fused multiply-add at a time from its current value, and each sum one addition at a time —
/// but it copies the whole of `∂P` into panels first, which for eight columns of output costs
/// more than the products. Here each gradient row is read once, through a row map, so `∂P`
/// may also be a buffer laid out by step rather than by sequence (an LSTM's `∂R`).
enum ThinWeightGradient {
    /// The most inputs the kernel handles; wider layers use `MatrixProduct`.
    static let maximumFeatures = 8

    /// - Parameters:
    ///   - columns: `G`, the gate rows of `W_ih`.
    ///   - features: the layer's inputs, `1 ... maximumFeatures`.
    ///   - x: `[K, features]` with row stride `ldx`, the inputs in depth order.
    ///   - d: depth `k = o · innerCount + i` (`K = outerCount · innerCount`) reads the gradient
    ///     row at `d + o · outerStride + i · innerStride`, `G` values (strides in floats).
    ///   - gradient: `[G, features]`, contiguous; `sums`: `[G]` or `nil`.
    static func accumulate(
        columns: Int, features: Int, x: UnsafePointer<Float>, ldx: Int,
        d: UnsafePointer<Float>, outerCount: Int, outerStride: Int, innerCount: Int, innerStride: Int,
        gradient: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>?
    ) {
        precondition(features >= 1 && features <= maximumFeatures, "thin weight gradient: \(features) inputs")
        let depth = outerCount * innerCount
        guard columns > 0, depth > 0 else { return }
        // The kernels read eight inputs per step; narrower inputs are padded with zero columns
        // (their products are computed and dropped).
        let padded = ScratchBuffer(zeros: features == maximumFeatures && ldx == maximumFeatures ? 0 : depth * maximumFeatures)
        let inputs = padded.count == 0 ? x : UnsafePointer(padded.base)
        if padded.count > 0 {
            for k in 0..<depth { (padded.base + k * maximumFeatures).update(from: x + k * ldx, count: features) }
        }
        var column = 0
        if Engine.usesWideVectors {
            column = columns - columns % 16
            WideThinWeightGradient.accumulate(
                columns: column, features: features, x: inputs, d: d, outerCount: outerCount, outerStride: outerStride,
                innerCount: innerCount, innerStride: innerStride, gradient: gradient, ldg: features, sums: sums)
        }
        let source = Source(x: inputs, d: d, outerCount: outerCount, outerStride: outerStride, innerCount: innerCount, innerStride: innerStride)
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
        let width = L.width
        // Entry (column + lane, f) sits at gradient[(column + lane) * features + f].
        var entries = [L.Value](repeating: L.splat(0), count: maximumFeatures)
        var gathered = [Float](repeating: 0, count: width)
        for f in 0..<features {
            for lane in 0..<width { gathered[lane] = gradient[(column + lane) * features + f] }
            entries[f] = gathered.withUnsafeBufferPointer { L.load($0.baseAddress!) }
        }
        var sum = sums.map { L.load($0 + column) } ?? L.splat(0)
        entries.withUnsafeMutableBufferPointer { entries in
            var k = 0
            for o in 0..<source.outerCount {
                var row = source.d + o * source.outerStride + column
                for _ in 0..<source.innerCount {
                    let values = L.load(row)
                    sum = sum + values
                    let xk = source.x + k * maximumFeatures
                    for f in 0..<maximumFeatures { entries[f] = L.fma(L.splat(xk[f]), values, entries[f]) }
                    row += source.innerStride
                    k += 1
                }
            }
        }
        for f in 0..<features {
            gathered.withUnsafeMutableBufferPointer { L.store(entries[f], $0.baseAddress!) }
            for lane in 0..<width { gradient[(column + lane) * features + f] = gathered[lane] }
        }
        if let sums { L.store(sum, sums + column) }
    }
}
