/// The two loops every bias needs, on raw row-major buffers: adding one row to every row of a
/// matrix (forward), and adding every row of a matrix into one row (the bias's gradient).
/// Rows are visited in order and each value gets one plain addition, so the bits are those of
/// the obvious scalar loops.
enum RowArithmetic {
    /// `matrix[r, j] += row[j]` for every row `r` of a `[rows, width]` matrix.
    static func add(
        _ row: UnsafePointer<Float>, toEveryRowOf matrix: UnsafeMutablePointer<Float>, rows: Int, width: Int
    ) {
        for r in 0..<rows { add(row, into: matrix + r * width, width: width) }
    }

    /// `sums[j] += matrix[r, j]` for every row `r` of a `[rows, width]` matrix (rows `stride`
    /// apart, `width` by default), in row order.
    ///
    /// Sixty-four columns at a time are carried down all the rows in eight registers: adding
    /// row after row into memory instead made every addition wait for the store of the one
    /// before (the bias sums of a weight gradient, 5% of a small LSTM's training step).
    static func addRows(
        of matrix: UnsafePointer<Float>, rows: Int, width: Int, stride: Int? = nil, into sums: UnsafeMutablePointer<Float>
    ) {
        let rowStride = stride ?? width
        var j = 0
        while j + 64 <= width {
            var (s0, s1, s2, s3) = (Lanes8.load(sums + j), Lanes8.load(sums + j + 8), Lanes8.load(sums + j + 16), Lanes8.load(sums + j + 24))
            var (s4, s5, s6, s7) = (Lanes8.load(sums + j + 32), Lanes8.load(sums + j + 40), Lanes8.load(sums + j + 48), Lanes8.load(sums + j + 56))
            var row = matrix + j
            for _ in 0..<rows {
                s0 += Lanes8.load(row); s1 += Lanes8.load(row + 8); s2 += Lanes8.load(row + 16); s3 += Lanes8.load(row + 24)
                s4 += Lanes8.load(row + 32); s5 += Lanes8.load(row + 40); s6 += Lanes8.load(row + 48); s7 += Lanes8.load(row + 56)
                row += rowStride
            }
            Lanes8.store(s0, sums + j); Lanes8.store(s1, sums + j + 8); Lanes8.store(s2, sums + j + 16); Lanes8.store(s3, sums + j + 24)
            Lanes8.store(s4, sums + j + 32); Lanes8.store(s5, sums + j + 40); Lanes8.store(s6, sums + j + 48); Lanes8.store(s7, sums + j + 56)
            j += 64
        }
        while j + 8 <= width {
            var sum = Lanes8.load(sums + j)
            for r in 0..<rows { sum += Lanes8.load(matrix + r * rowStride + j) }
            Lanes8.store(sum, sums + j)
            j += 8
        }
        while j < width {
            for r in 0..<rows { sums[j] += matrix[r * rowStride + j] }
            j += 1
        }
    }

    /// Whether every entry of a `[rows, width]` matrix (rows `stride` apart, `width` by
    /// default) is finite: `v − v` is 0 for a finite `v` and NaN for ±∞ and NaN, and a sum
    /// holding a NaN is NaN, so eight lanes of such sums answer for the whole matrix.
    static func allFinite(_ matrix: UnsafePointer<Float>, rows: Int, width: Int, stride: Int? = nil) -> Bool {
        let rowStride = stride ?? width
        let vectorEnd = width - width % 8
        var lanes = Lanes8.Value()
        var scalar: Float = 0
        for r in 0..<rows {
            let row = matrix + r * rowStride
            var j = 0
            while j < vectorEnd {
                let values = Lanes8.load(row + j)
                lanes += values - values
                j += 8
            }
            while j < width {
                scalar += row[j] - row[j]
                j += 1
            }
        }
        return (lanes.sum() + scalar) == 0
    }

    /// `target[j] += source[j]` for `j < width`, eight at a time and then one at a time.
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, width: Int) {
        let vectorEnd = width - width % 8
        var j = 0
        while j < vectorEnd {
            Lanes8.store(Lanes8.load(target + j) + Lanes8.load(source + j), target + j)
            j += 8
        }
        while j < width {
            target[j] += source[j]
            j += 1
        }
    }
}
