/// The matrix product's microkernel for a last tile only 16 columns wide, on processors with
/// 512-bit vectors (AVX-512); `MatrixProduct` calls it only after checking that they are there.
///
/// `wideTripleBlock` and `wideBlock` compute 8 × 48 and 8 × 32 blocks from three and two
/// 16-column panels. A product whose width leaves 16 columns or fewer at its edge — the
/// backward product of a layer of 16 units, or the last 16 gate columns of an LSTM of 16
/// (64 = 48 + 16) — would run one of them on a single panel and throw most of its work away;
/// small layers are made of little else. This computes the 8 × 16 block alone, in eight
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
    withBlockOfC(c, ldc: ldc, rows: rows, columns: columns, blockColumns: 16, accumulate: accumulate) { target, stride in
        @inline(__always) func initial(_ r: Int) -> SIMD16<Float> {
            initialVector(target + r * stride, accumulate: accumulate)
        }
        var c0 = initial(0), c1 = initial(1), c2 = initial(2), c3 = initial(3)
        var c4 = initial(4), c5 = initial(5), c6 = initial(6), c7 = initial(7)
        var pa = a
        var pb = panel
        for _ in 0..<k {
            let b = load(pb)
            c0 = c0.addingProduct(SIMD16(repeating: pa[0]), b)
            c1 = c1.addingProduct(SIMD16(repeating: pa[rowStride]), b)
            c2 = c2.addingProduct(SIMD16(repeating: pa[2 * rowStride]), b)
            c3 = c3.addingProduct(SIMD16(repeating: pa[3 * rowStride]), b)
            c4 = c4.addingProduct(SIMD16(repeating: pa[4 * rowStride]), b)
            c5 = c5.addingProduct(SIMD16(repeating: pa[5 * rowStride]), b)
            c6 = c6.addingProduct(SIMD16(repeating: pa[6 * rowStride]), b)
            c7 = c7.addingProduct(SIMD16(repeating: pa[7 * rowStride]), b)
            pa += columnStride
            pb += 16
        }
        store(c0, target); store(c1, target + stride); store(c2, target + 2 * stride); store(c3, target + 3 * stride)
        store(c4, target + 4 * stride); store(c5, target + 5 * stride); store(c6, target + 6 * stride); store(c7, target + 7 * stride)
    }
}
