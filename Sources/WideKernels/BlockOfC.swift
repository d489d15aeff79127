import CEngineSupport

/// Where a wide matrix kernel keeps the 8-row block of `C` it computes: `C` itself when the
/// block is whole, else a scratch block of `8 × blockColumns`: when the kernel accumulates,
/// the partial corner is copied in and every other lane set to zero; when it overwrites, the
/// scratch is left as it is (the kernel starts from zero and writes all of it). The corner
/// is copied back afterwards, so that the kernel's loads and stores are always whole vectors
/// and never touch what lies past the edge of `C`.
///
/// `body(target, stride)` runs the kernel on the block at `target` with row stride `stride`.
/// Every kernel of this module (8 × 16, 8 × 32, 8 × 48) goes through here.
@inline(__always)
func withBlockOfC(
    _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, blockColumns: Int, accumulate: Bool,
    _ body: (UnsafeMutablePointer<Float>, Int) -> Void
) {
    if rows == 8 && columns == blockColumns {
        body(c, ldc)
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 8 * blockColumns) { scratch in
        let block = scratch.baseAddress!
        if accumulate {
            engine_wide_copy_corner_in(c, ldc, rows, columns, block, 8, blockColumns)
        }
        body(block, blockColumns)
        engine_wide_copy_corner_out(block, blockColumns, c, ldc, rows, columns)
    }
}

/// Sixteen floats of a block of `C` at `pointer`: loaded when the kernel adds into `C`, zero
/// when it overwrites it.
@inline(__always)
func initialVector(_ pointer: UnsafeMutablePointer<Float>, accumulate: Bool) -> SIMD16<Float> {
    accumulate ? load(pointer) : SIMD16()
}
