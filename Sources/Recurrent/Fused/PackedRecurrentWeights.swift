/// `W_hh` `[G·H, H]` packed once per pass for the recurrent products of every step, split
/// where the cell's products split (`FusedCell.stateGateCount`): `leading` holds rows
/// `0 ..< leadingRows`, which multiply `h`, and `trailing` the rest, which multiply a
/// gated-state cell's `s` (no rows for a cell with one product).
struct PackedRecurrentWeights {
    let leading: PackedOperand
    let trailing: PackedOperand

    /// - Parameters:
    ///   - hidden: `W_hh` `[G·H, H]`.
    ///   - transposed: pack `W_hhᵀ` column blocks, `[H, rows]`, for the forward products
    ///     `h · W_hhᵀ`; else `W_hh` row blocks, `[rows, H]`, for the backward ones `∂R · W_hh`.
    init(_ hidden: Tensor, leadingRows: Int, transposed: Bool) {
        let (rows, size) = (hidden.shape[0], hidden.shape[1])
        let packed = hidden.scalars.withUnsafeBufferPointer { weights in
            // Rows `first ..< first + count`; the same panels `PackedOperand.packing` makes of
            // the whole matrix when they are all of it.
            func pack(_ first: Int, _ count: Int) -> PackedOperand {
                let start = weights.baseAddress! + first * size
                return transposed
                    ? PackedOperand(b: start, ldb: size, transposed: true, k: size, n: count)
                    : PackedOperand(b: start, ldb: size, transposed: false, k: count, n: size)
            }
            return (pack(0, leadingRows), pack(leadingRows, rows - leadingRows))
        }
        (leading, trailing) = packed
    }
}
