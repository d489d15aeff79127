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
    static func addRows(
        of matrix: UnsafePointer<Float>, rows: Int, width: Int, stride: Int? = nil, into sums: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows { add(matrix + r * (stride ?? width), into: sums, width: width) }
    }

    /// `target[j] += source[j]` for `j < width`, eight at a time and then one at a time.
    @inline(__always)
    private static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, width: Int) {
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
