/// The matrix product's main microkernel on processors with 512-bit vectors (AVX-512),
/// compiled for them alone; `MatrixProduct` calls it only after checking that they are there.
///
/// It computes an 8 × 48 block of `C` in twenty-four 16-wide registers from three 16-column
/// panels of the packed right operand. Per depth step it loads three vectors of `B` and
/// broadcasts eight values of `A` — eleven loads for twenty-four fused multiply-adds, where
/// the 8 × 32 kernel (`wideBlock`) needs ten for sixteen. On an Intel Xeon (family 6 model
/// 167, 2.1 GHz), on operands in L1, the 8 × 32 kernel ran at 95 GFLOP/s and this one at 114
/// (the FMA peak is 130); the kernels' speeds followed their loads per FMA, as if the core
/// sustained about one such load per cycle (a reading of the timings, not confirmed by
/// hardware counters). Narrower edges of `C` go to `wideBlock` and `wideHalfBlock`.
///
/// Each `C[i, j]` still adds its products in increasing `k`, one fused multiply-add at a time,
/// exactly as the other kernels do, so every kernel gives the same bits.
///
/// - Parameters:
///   - k: the depth.
///   - a: element `(r, p)` of the left panel is `a[r * rowStride + p * columnStride]`.
///   - first, second, third: three packed panels of 16 columns each (`p * 16 + j`).
///   - c: the block's first element, row stride `ldc`; only `rows × columns` are written.
///   - accumulate: add into `C` instead of overwriting it.
@inline(never)
public func wideTripleBlock(
    k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int,
    first: UnsafePointer<Float>, second: UnsafePointer<Float>, third: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, accumulate: Bool
) {
    withBlockOfC(c, ldc: ldc, rows: rows, columns: columns, blockColumns: 48, accumulate: accumulate) { target, stride in
        @inline(__always) func initial(_ r: Int, _ panel: Int) -> SIMD16<Float> {
            initialVector(target + r * stride + panel * 16, accumulate: accumulate)
        }
        var c00 = initial(0, 0), c01 = initial(0, 1), c02 = initial(0, 2)
        var c10 = initial(1, 0), c11 = initial(1, 1), c12 = initial(1, 2)
        var c20 = initial(2, 0), c21 = initial(2, 1), c22 = initial(2, 2)
        var c30 = initial(3, 0), c31 = initial(3, 1), c32 = initial(3, 2)
        var c40 = initial(4, 0), c41 = initial(4, 1), c42 = initial(4, 2)
        var c50 = initial(5, 0), c51 = initial(5, 1), c52 = initial(5, 2)
        var c60 = initial(6, 0), c61 = initial(6, 1), c62 = initial(6, 2)
        var c70 = initial(7, 0), c71 = initial(7, 1), c72 = initial(7, 2)
        var pa = a
        var p0 = first, p1 = second, p2 = third
        for _ in 0..<k {
            let b0 = load(p0), b1 = load(p1), b2 = load(p2)
            var x = SIMD16<Float>(repeating: pa[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1); c02 = c02.addingProduct(x, b2)
            x = SIMD16(repeating: pa[rowStride])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1); c12 = c12.addingProduct(x, b2)
            x = SIMD16(repeating: pa[2 * rowStride])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1); c22 = c22.addingProduct(x, b2)
            x = SIMD16(repeating: pa[3 * rowStride])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1); c32 = c32.addingProduct(x, b2)
            x = SIMD16(repeating: pa[4 * rowStride])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1); c42 = c42.addingProduct(x, b2)
            x = SIMD16(repeating: pa[5 * rowStride])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1); c52 = c52.addingProduct(x, b2)
            x = SIMD16(repeating: pa[6 * rowStride])
            c60 = c60.addingProduct(x, b0); c61 = c61.addingProduct(x, b1); c62 = c62.addingProduct(x, b2)
            x = SIMD16(repeating: pa[7 * rowStride])
            c70 = c70.addingProduct(x, b0); c71 = c71.addingProduct(x, b1); c72 = c72.addingProduct(x, b2)
            pa += columnStride
            p0 += 16; p1 += 16; p2 += 16
        }
        @inline(__always) func put(_ value: SIMD16<Float>, _ r: Int, _ panel: Int) {
            store(value, target + r * stride + panel * 16)
        }
        put(c00, 0, 0); put(c01, 0, 1); put(c02, 0, 2); put(c10, 1, 0); put(c11, 1, 1); put(c12, 1, 2)
        put(c20, 2, 0); put(c21, 2, 1); put(c22, 2, 2); put(c30, 3, 0); put(c31, 3, 1); put(c32, 3, 2)
        put(c40, 4, 0); put(c41, 4, 1); put(c42, 4, 2); put(c50, 5, 0); put(c51, 5, 1); put(c52, 5, 2)
        put(c60, 6, 0); put(c61, 6, 1); put(c62, 6, 2); put(c70, 7, 0); put(c71, 7, 1); put(c72, 7, 2)
    }
}
