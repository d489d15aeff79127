/// The matrix product's microkernel for a last tile 17 to 32 columns wide, on processors with
/// 512-bit vectors (AVX-512), compiled for them alone; `MatrixProduct` calls it only after
/// checking that the processor has them. Wider tiles go to `wideTripleBlock`.
///
/// It computes an 8 × 32 block of `C` in sixteen 16-wide registers — twice the work per
/// instruction of the 8-wide kernel — from two 16-column panels of the packed right operand.
/// Each `C[i, j]` still adds its products in increasing `k`, one fused multiply-add at a time,
/// exactly as the 8-wide kernel does, so the two kernels give the same bits.
///
/// - Parameters:
///   - k: the depth.
///   - a: element `(r, p)` of the left panel is `a[r * rowStride + p * columnStride]`.
///   - left, right: two packed panels of 16 columns each (`p * 16 + j`).
///   - c: the block's first element, row stride `ldc`; only `rows × columns` are written.
///   - accumulate: add into `C` instead of overwriting it.
@inline(never)
public func wideBlock(
    k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int,
    left: UnsafePointer<Float>, right: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, accumulate: Bool
) {
    withBlockOfC(c, ldc: ldc, rows: rows, columns: columns, blockColumns: 32, accumulate: accumulate) { target, stride in
        @inline(__always) func initial(_ r: Int, _ half: Int) -> SIMD16<Float> {
            initialVector(target + r * stride + half * 16, accumulate: accumulate)
        }
        var c00 = initial(0, 0), c01 = initial(0, 1), c10 = initial(1, 0), c11 = initial(1, 1)
        var c20 = initial(2, 0), c21 = initial(2, 1), c30 = initial(3, 0), c31 = initial(3, 1)
        var c40 = initial(4, 0), c41 = initial(4, 1), c50 = initial(5, 0), c51 = initial(5, 1)
        var c60 = initial(6, 0), c61 = initial(6, 1), c70 = initial(7, 0), c71 = initial(7, 1)
        var pa = a
        var p0 = left, p1 = right
        for _ in 0..<k {
            let b0 = load(p0), b1 = load(p1)
            var x = SIMD16<Float>(repeating: pa[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = SIMD16(repeating: pa[rowStride])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = SIMD16(repeating: pa[2 * rowStride])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = SIMD16(repeating: pa[3 * rowStride])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = SIMD16(repeating: pa[4 * rowStride])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = SIMD16(repeating: pa[5 * rowStride])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            x = SIMD16(repeating: pa[6 * rowStride])
            c60 = c60.addingProduct(x, b0); c61 = c61.addingProduct(x, b1)
            x = SIMD16(repeating: pa[7 * rowStride])
            c70 = c70.addingProduct(x, b0); c71 = c71.addingProduct(x, b1)
            pa += columnStride
            p0 += 16
            p1 += 16
        }
        @inline(__always) func put(_ value: SIMD16<Float>, _ r: Int, _ half: Int) {
            store(value, target + r * stride + half * 16)
        }
        put(c00, 0, 0); put(c01, 0, 1); put(c10, 1, 0); put(c11, 1, 1)
        put(c20, 2, 0); put(c21, 2, 1); put(c30, 3, 0); put(c31, 3, 1)
        put(c40, 4, 0); put(c41, 4, 1); put(c50, 5, 0); put(c51, 5, 1)
        put(c60, 6, 0); put(c61, 6, 1); put(c70, 7, 0); put(c71, 7, 1)
    }
}
