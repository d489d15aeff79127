import CEngineSupport

/// The matrix product's microkernel for a last tile only 16 columns wide, on processors with
/// 512-bit vectors (AVX-512); `MatrixProduct` calls it only after checking that they are there.
///
/// `wideBlock` computes 8 × 32 blocks from two 16-column panels. A product whose width leaves
/// 16 columns or fewer at its edge — the recurrent product of a layer of 16 units, or the last
/// gate columns of a GRU of 16 — would pass it the same panel twice and throw half its work
/// away; small layers are made of little else. This computes the 8 × 16 block alone, in eight
/// 16-wide registers (eight independent chains: as many as two FMA units with a four-cycle
/// latency keep busy). Each `C[i, j]` adds its products in increasing `k`, one fused
/// multiply-add at a time, as every other kernel does, so the bits are the same.
///
/// - Parameters:
///   - k: the depth.
///   - a: element `(r, p)` of the left panel is `a[r * rowStride + p * columnStride]`.
///   - panel: one packed panel of 16 columns (`p * 16 + j`).
///   - c: the block's first element, row stride `ldc`; only `rows × columns` are written.
///   - accumulate: add into `C` instead of overwriting it.
@inline(never)
public func wideHalfBlock(
    k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int, panel: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, accumulate: Bool
) {
    let full = rows == 8 && columns == 16
    withUnsafeTemporaryAllocation(of: Float.self, capacity: full ? 1 : 8 * 16) { scratch in
        let block = scratch.baseAddress!
        let target = full ? c : block
        let stride = full ? ldc : 16
        if !full && accumulate {
            engine_wide_copy_corner_in(c, ldc, rows, columns, block, 8, 16)
        }
        @inline(__always) func load(_ r: Int) -> SIMD16<Float> {
            accumulate ? UnsafeRawPointer(target + r * stride).loadUnaligned(as: SIMD16<Float>.self) : SIMD16()
        }
        var c0 = load(0), c1 = load(1), c2 = load(2), c3 = load(3)
        var c4 = load(4), c5 = load(5), c6 = load(6), c7 = load(7)
        var pa = a
        var pb = UnsafeRawPointer(panel)
        for _ in 0..<k {
            let b = pb.loadUnaligned(as: SIMD16<Float>.self)
            c0 = c0.addingProduct(SIMD16(repeating: pa[0]), b)
            c1 = c1.addingProduct(SIMD16(repeating: pa[rowStride]), b)
            c2 = c2.addingProduct(SIMD16(repeating: pa[2 * rowStride]), b)
            c3 = c3.addingProduct(SIMD16(repeating: pa[3 * rowStride]), b)
            c4 = c4.addingProduct(SIMD16(repeating: pa[4 * rowStride]), b)
            c5 = c5.addingProduct(SIMD16(repeating: pa[5 * rowStride]), b)
            c6 = c6.addingProduct(SIMD16(repeating: pa[6 * rowStride]), b)
            c7 = c7.addingProduct(SIMD16(repeating: pa[7 * rowStride]), b)
            pa += columnStride
            pb += 64
        }
        @inline(__always) func store(_ value: SIMD16<Float>, _ r: Int) {
            UnsafeMutableRawPointer(target + r * stride).storeBytes(of: value, as: SIMD16<Float>.self)
        }
        store(c0, 0); store(c1, 1); store(c2, 2); store(c3, 3)
        store(c4, 4); store(c5, 5); store(c6, 6); store(c7, 7)
        if !full {
            engine_wide_copy_corner_out(block, 16, c, ldc, rows, columns)
        }
    }
}
