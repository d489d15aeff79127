import CEngineSupport

/// The matrix product's microkernel for processors with 512-bit vectors (AVX-512), compiled
/// for them alone; `MatrixProduct` calls it only after checking that the processor has them.
///
/// It computes an 8 × 32 block of `C` in sixteen 16-wide registers — twice the work per
/// instruction of the 8-wide kernel — from two 16-column panels of the packed right operand.
/// Each `C[i, j]` still adds its products in increasing `k`, one fused multiply-add at a time,
/// exactly as the 8-wide kernel does, so the two kernels give the same bits.
///
/// - Parameters:
///   - k: the depth.
///   - a: element `(r, p)` of the left panel is `a[r * rowStride + p * columnStride]`.
///   - left, right: two packed panels of 16 columns each (`p * 16 + j`); a tile of one panel
///     goes to `wideHalfBlock` instead.
///   - c: the block's first element, row stride `ldc`; only `rows × columns` are written.
///   - accumulate: add into `C` instead of overwriting it.
@inline(never)
public func wideBlock(
    k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int,
    left: UnsafePointer<Float>, right: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, accumulate: Bool
) {
    let full = rows == 8 && columns == 32
    withUnsafeTemporaryAllocation(of: Float.self, capacity: full ? 1 : 8 * 32) { scratch in
        let block = scratch.baseAddress!
        let target = full ? c : block
        let stride = full ? ldc : 32
        if !full && accumulate {
            engine_wide_copy_corner_in(c, ldc, rows, columns, block, 8, 32)
        }
        @inline(__always) func load(_ r: Int, _ half: Int) -> SIMD16<Float> {
            accumulate ? UnsafeRawPointer(target + r * stride + half * 16).loadUnaligned(as: SIMD16<Float>.self) : SIMD16()
        }
        var c00 = load(0, 0), c01 = load(0, 1), c10 = load(1, 0), c11 = load(1, 1)
        var c20 = load(2, 0), c21 = load(2, 1), c30 = load(3, 0), c31 = load(3, 1)
        var c40 = load(4, 0), c41 = load(4, 1), c50 = load(5, 0), c51 = load(5, 1)
        var c60 = load(6, 0), c61 = load(6, 1), c70 = load(7, 0), c71 = load(7, 1)
        var pa = a
        var p0 = UnsafeRawPointer(left)
        var p1 = UnsafeRawPointer(right)
        for _ in 0..<k {
            let b0 = p0.loadUnaligned(as: SIMD16<Float>.self)
            let b1 = p1.loadUnaligned(as: SIMD16<Float>.self)
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
            p0 += 64
            p1 += 64
        }
        @inline(__always) func store(_ value: SIMD16<Float>, _ r: Int, _ half: Int) {
            UnsafeMutableRawPointer(target + r * stride + half * 16).storeBytes(of: value, as: SIMD16<Float>.self)
        }
        store(c00, 0, 0); store(c01, 0, 1); store(c10, 1, 0); store(c11, 1, 1)
        store(c20, 2, 0); store(c21, 2, 1); store(c30, 3, 0); store(c31, 3, 1)
        store(c40, 4, 0); store(c41, 4, 1); store(c50, 5, 0); store(c51, 5, 1)
        store(c60, 6, 0); store(c61, 6, 1); store(c70, 7, 0); store(c71, 7, 1)
        if !full {
            engine_wide_copy_corner_out(block, 32, c, ldc, rows, columns)
        }
    }
}
