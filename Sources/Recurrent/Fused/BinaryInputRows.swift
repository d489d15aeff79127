/// Where the ones are in a layer input whose entries are all exactly 0 or 1 and mostly 0 —
/// characters or symbols given one-hot, as the lessons' language models and the
/// `lstm-h256-chars` benchmark give them — so that the two products with the input can skip
/// its zeros: the projection `P = X · W_ihᵀ` adds the ones' rows of `W_ihᵀ`, and the weight
/// gradient `∂W_ih += ∂Pᵀ · X` adds each `∂P` row into the ones' columns. With 65 one-hot
/// features that is 1/65 of the multiply-adds of either product.
///
/// Skipping gives the bits of the full product. Each entry of either product is one chain of
/// fused multiply-adds in increasing depth, from +0 (`P`) or from the gradient's current value
/// (`∂W_ih`). A term whose `x` is 1 adds its other factor exactly as `fma(1, w, acc)` would. A
/// term whose `x` is 0 adds a zero, which leaves the chain as it is unless the other factor is
/// infinite or NaN (`0 · ∞` is NaN) or the chain holds −0 (−0 + +0 is +0) or a signalling NaN
/// (which an addition would quiet). So the weights must be finite (else the forward pass runs
/// the full product), each chunk's `∂P` finite (else the chunk adds every term), and the
/// gradient free of −0 and NaN when the backward pass starts (else it runs the full product);
/// a chain that starts without −0 never reaches it by adding finite values with one factor 1,
/// since an exact zero sum is +0. (Where two NaNs meet in a chunk that adds every term, which
/// payload survives follows the instruction the compiler chose, as between the engine's other
/// paths; arithmetic only ever makes the default NaN.)
struct BinaryInputRows {
    /// Row `r`'s ones are in the columns `columns[starts[r] ..< starts[r + 1]]`, increasing.
    private let starts: [Int32]
    private let columns: [Int32]
    let features: Int

    /// Inputs narrower than this go through the full product: they are cheap already, and the
    /// thin weight gradient (`ThinWeightGradient`, up to 8 inputs) handles the narrowest.
    static let minimumFeatures = 16

    /// The ones of `values` `[rows, features]`, or `nil` unless every entry is +0 or 1, at most
    /// one in eight is 1, and there are at least `minimumFeatures` features.
    init?(_ values: UnsafePointer<Float>, rows: Int, features: Int) {
        guard features >= Self.minimumFeatures, rows > 0, Engine.skipsZeroInputs else { return nil }
        let (zero, one) = (Float(0).bitPattern, Float(1).bitPattern)
        var starts = [Int32]()
        var columns = [Int32]()
        starts.reserveCapacity(rows + 1)
        columns.reserveCapacity(rows)
        starts.append(0)
        let limit = rows * features / 8
        for r in 0..<rows {
            let row = values + r * features
            for k in 0..<features {
                let bits = row[k].bitPattern
                if bits == one {
                    columns.append(Int32(k))
                    if columns.count > limit { return nil }
                } else if bits != zero {
                    return nil
                }
            }
            starts.append(Int32(columns.count))
        }
        (self.starts, self.columns, self.features) = (starts, columns, features)
    }

    /// Calls `body` with each column of row `r` that holds a one, in increasing order.
    @inline(__always)
    func forEachOne(inRow r: Int, _ body: (Int) -> Void) {
        for index in Int(starts[r])..<Int(starts[r + 1]) { body(Int(columns[index])) }
    }

    /// `[features, gates]`: `W_ihᵀ` for `projectRow`, or `nil` if a weight is infinite or NaN
    /// (then the forward pass must run the full product; see the type's comment).
    ///
    /// - Parameter weights: `W_ih`, `[gates, features]`.
    static func transposedWeights(_ weights: UnsafePointer<Float>, gates: Int, features: Int) -> ScratchBuffer? {
        guard RowArithmetic.allFinite(weights, rows: gates, width: features) else { return nil }
        let transposed = ScratchBuffer(uninitialized: features * gates)
        transpose(weights, rows: gates, columns: features, into: transposed.base)
        return transposed
    }

    /// `target` `[columns, rows]` = the transpose of `source` `[rows, columns]`, sixteen rows of
    /// the source at a time so that both sides stay in a few cache lines (row by row, every
    /// write of a 1024-gate layer went to another 4 KiB page).
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>) {
        for firstRow in stride(from: 0, to: rows, by: 16) {
            let lastRow = min(firstRow + 16, rows)
            for k in 0..<columns {
                for j in firstRow..<lastRow { target[k * rows + j] = source[j * columns + k] }
            }
        }
    }

    /// `target` `[gates]` = row `r` of `X · W_ihᵀ`: +0 plus the rows of `transposedWeights`
    /// at row `r`'s ones, in increasing order.
    func projectRow(_ r: Int, transposedWeights: UnsafePointer<Float>, gates: Int, into target: UnsafeMutablePointer<Float>) {
        target.update(repeating: 0, count: gates)
        forEachOne(inRow: r) { k in RowArithmetic.add(transposedWeights + k * gates, into: target, width: gates) }
    }

    /// Columns `columns` of `transposedGradient` `[features, gates]` (`∂W_ihᵀ`) `+= Xᵀ · ∂P`
    /// over `depth` rows, in order: `∂P` row `d` at `gradient + d · gradientStride`, its input
    /// row `inputRow(d)`. Adds only the ones' terms, unless a `∂P` value of these columns is
    /// infinite or NaN: then every term, `0 · ∂P` included, as the full product would.
    func accumulateWeightGradient(
        depth: Int, gradient: UnsafePointer<Float>, gradientStride: Int, inputRow: (Int) -> Int,
        columns: Range<Int>, into transposedGradient: UnsafeMutablePointer<Float>, gates: Int
    ) {
        let width = columns.count
        let finite = RowArithmetic.allFinite(gradient + columns.lowerBound, rows: depth, width: width, stride: gradientStride)
        for d in 0..<depth {
            let row = gradient + d * gradientStride + columns.lowerBound
            if finite {
                forEachOne(inRow: inputRow(d)) { k in
                    RowArithmetic.add(row, into: transposedGradient + k * gates + columns.lowerBound, width: width)
                }
            } else {
                var ones = Set<Int>()
                forEachOne(inRow: inputRow(d)) { ones.insert($0) }
                for k in 0..<features {
                    let x: Float = ones.contains(k) ? 1 : 0
                    let target = transposedGradient + k * gates + columns.lowerBound
                    for j in 0..<width { target[j] = target[j].addingProduct(row[j], x) }
                }
            }
        }
    }

    /// `[features, gates]`: `∂W_ihᵀ` for `accumulateWeightGradient`, or `nil` if an entry is −0
    /// or NaN (then the backward pass must run the full product; see the type's comment).
    ///
    /// - Parameter gradient: `∂W_ih`, `[gates, features]`.
    static func transposedGradient(_ gradient: UnsafePointer<Float>, gates: Int, features: Int) -> ScratchBuffer? {
        let negativeZero = (-Float(0)).bitPattern
        guard !UnsafeBufferPointer(start: gradient, count: gates * features).contains(where: { $0.bitPattern == negativeZero || $0.isNaN }) else {
            return nil
        }
        let transposed = ScratchBuffer(uninitialized: features * gates)
        transpose(gradient, rows: gates, columns: features, into: transposed.base)
        return transposed
    }

    /// Writes `transposed` `[features, gates]` back into `gradient` `[gates, features]`.
    static func storeTransposed(_ transposed: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>, gates: Int, features: Int) {
        transpose(transposed, rows: features, columns: gates, into: gradient)
    }
}
