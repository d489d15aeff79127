/// The weight gradient of a layer with at most eight inputs, `∂W_ih += ∂Pᵀ · X` with the
/// bias gradient `Σ ∂P` beside it, sixteen gate columns at a time, compiled for AVX-512
/// processors alone. `Recurrent`'s `ThinWeightGradient` is the reference and does the
/// columns these do not: both add each entry's products in depth order, one fused
/// multiply-add at a time from the entry's current value, and each sum one addition at a
/// time, as the general matrix product does — so the same bits.
///
/// The general product copies (packs) all of `∂P` (6.5 MB for an LSTM of 128 units over 32 ×
/// 100 steps) to multiply it by eight columns; this reads it once, where it lies.
///
/// Shapes, for `G` gate columns and depth `K` = `outerCount · innerCount`:
/// - `x`: `[K, 8]`, the inputs in depth order (zero columns past the layer's inputs);
/// - depth `k = o · innerCount + i` reads the gradient row `d + o · outerStride + i · innerStride`
///   (strides in floats, either may be negative), columns `0 ..< G`;
/// - `gradient`: `[G, features]` with row stride `ldg`; `sums`: `[G]` or `nil`.
/// Only columns `0 ..< columns` are processed (`columns` a multiple of 16).
public enum WideThinWeightGradient {
    /// Depth steps per chunk: the chunk's rows are read as this many sequential streams.
    static let chunkDepth = 16

    @inline(never)
    public static func accumulate(
        columns: Int, features: Int, x: UnsafePointer<Float>,
        d: UnsafePointer<Float>, outerCount: Int, outerStride: Int, innerCount: Int, innerStride: Int,
        gradient: UnsafeMutablePointer<Float>, ldg: Int, sums: UnsafeMutablePointer<Float>?
    ) {
        let blockCount = columns / 16
        let depth = outerCount * innerCount
        guard blockCount > 0, depth > 0 else { return }
        // Every block's entries live in this scratch between chunks (9 vectors a block, 18 KB for
        // 512 columns: the L1 cache holds them). Walking all of the depth for one block at a
        // time instead read each gradient row in 64-byte pieces, 16 passes over all of ∂P with
        // no two consecutive reads in the same page, and waited on memory for most of it.
        let entries = UnsafeMutablePointer<Block>.allocate(capacity: blockCount)
        defer { entries.deallocate() }
        for index in 0..<blockCount {
            let column = index * 16
            entries[index] = Block(gradient: gradient + column * ldg, ldg: ldg, features: features, sums: sums.map { $0 + column })
        }
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: chunkDepth) { rows in
            var k = 0
            while k < depth {
                let count = min(chunkDepth, depth - k)
                // Where the chunk's gradient rows are: depth k = o · innerCount + i.
                for step in 0..<count {
                    let (o, i) = (k + step).quotientAndRemainder(dividingBy: innerCount)
                    rows[step] = d + o * outerStride + i * innerStride
                }
                let xChunk = x + k * 8
                // Two blocks at a time for independent chains; a last odd block is computed
                // twice and kept once.
                var index = 0
                while index < blockCount {
                    let second = index + 1 < blockCount ? index + 1 : index
                    var low = entries[index], high = entries[second]
                    let (lowColumn, highColumn) = (index * 16, second * 16)
                    for step in 0..<count {
                        let xk = xChunk + step * 8
                        low.add(xk, rows[step] + lowColumn)
                        high.add(xk, rows[step] + highColumn)
                    }
                    entries[index] = low
                    if second != index { entries[second] = high }
                    index = second + 1
                }
                k += count
            }
        }
        for index in 0..<blockCount {
            let column = index * 16
            entries[index].store(gradient: gradient + column * ldg, ldg: ldg, features: features, sums: sums.map { $0 + column })
        }
    }

    /// Sixteen gate columns' entries for the eight inputs, and their sums, in registers.
    private struct Block {
        var f0, f1, f2, f3, f4, f5, f6, f7, sum: SIMD16<Float>

        @inline(__always)
        init(gradient: UnsafeMutablePointer<Float>, ldg: Int, features: Int, sums: UnsafeMutablePointer<Float>?) {
            @inline(__always) func gathered(_ f: Int) -> SIMD16<Float> {
                var value = SIMD16<Float>()
                if f < features { for lane in 0..<16 { value[lane] = gradient[lane * ldg + f] } }
                return value
            }
            (f0, f1, f2, f3) = (gathered(0), gathered(1), gathered(2), gathered(3))
            (f4, f5, f6, f7) = (gathered(4), gathered(5), gathered(6), gathered(7))
            sum = sums.map { UnsafeRawPointer($0).loadUnaligned(as: SIMD16<Float>.self) } ?? SIMD16()
        }

        /// One depth step: `x` holds the step's eight inputs, `d` its sixteen gradients.
        @inline(__always)
        mutating func add(_ x: UnsafePointer<Float>, _ d: UnsafePointer<Float>) {
            let values = UnsafeRawPointer(d).loadUnaligned(as: SIMD16<Float>.self)
            sum += values
            f0 = f0.addingProduct(SIMD16(repeating: x[0]), values)
            f1 = f1.addingProduct(SIMD16(repeating: x[1]), values)
            f2 = f2.addingProduct(SIMD16(repeating: x[2]), values)
            f3 = f3.addingProduct(SIMD16(repeating: x[3]), values)
            f4 = f4.addingProduct(SIMD16(repeating: x[4]), values)
            f5 = f5.addingProduct(SIMD16(repeating: x[5]), values)
            f6 = f6.addingProduct(SIMD16(repeating: x[6]), values)
            f7 = f7.addingProduct(SIMD16(repeating: x[7]), values)
        }

        @inline(__always)
        func store(gradient: UnsafeMutablePointer<Float>, ldg: Int, features: Int, sums: UnsafeMutablePointer<Float>?) {
            for f in 0..<features {
                let value = column(f)
                for lane in 0..<16 { gradient[lane * ldg + f] = value[lane] }
            }
            if let sums { UnsafeMutableRawPointer(sums).storeBytes(of: sum, as: SIMD16<Float>.self) }
        }

        @inline(__always)
        private func column(_ f: Int) -> SIMD16<Float> {
            switch f {
            case 0: f0
            case 1: f1
            case 2: f2
            case 3: f3
            case 4: f4
            case 5: f5
            case 6: f6
            default: f7
            }
        }
    }
}
