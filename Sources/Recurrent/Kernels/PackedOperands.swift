import CEngineSupport

/// A right operand `op(B)` `[k, n]` packed whole, as `PackedRight` blocks of
/// `depthBlock` rows of `op(B)` each (the blocking's depth when packed): a layer's recurrent
/// weights, packed once per pass instead of once per time step.
final class PackedOperand: @unchecked Sendable {
    let k: Int
    let n: Int
    let depthBlock: Int
    let blocks: [PackedRight]

    /// `b` is `[k, n]` with row stride `ldb`, or `[n, k]` when `transposed`.
    init(b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int) {
        self.k = k
        self.n = n
        let wide = Engine.usesWideVectors
        let depthBlock = MatrixProduct.blocking(wide: wide).depth
        self.depthBlock = depthBlock
        blocks = stride(from: 0, to: k, by: depthBlock).map { start in
            PackedRight(
                b: transposed ? b + start : b + start * ldb, ldb: ldb, transposed: transposed,
                k: min(depthBlock, k - start), n: n, wide: wide)
        }
    }

    /// Packs `op(matrix)` of a `[rows, columns]` tensor: `[columns, rows]` when `transposed`.
    static func packing(_ matrix: Tensor, transposed: Bool) -> PackedOperand {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let (k, n) = transposed ? (columns, rows) : (rows, columns)
        // An empty matrix packs nothing, but the pointer must still exist.
        let values = matrix.scalars.isEmpty ? [0] : matrix.scalars
        return values.withUnsafeBufferPointer { values in
            PackedOperand(b: values.baseAddress!, ldb: columns, transposed: transposed, k: k, n: n)
        }
    }
}

/// The right operand of a product, copied into panels of 16 columns: panel `q` holds, for
/// each `p` in `0 ..< k`, the 16 values `B[p, 16q ..< 16q + 16]` (zero past `n`).
final class PackedRight: @unchecked Sendable {
    let k: Int
    let n: Int
    /// From `BufferPool`: a block the last operand of the same size gave back (for a product
    /// in depth blocks, the block before, unless this one is shorter), rather than fresh from
    /// the allocator. A block the pool makes is zero-filled once, which `allocate` did not do.
    private let storage: UnsafeMutablePointer<Float>
    /// Floats in `storage`, to give it back.
    private let capacity: Int

    /// Packs `op(B)` of shape `[k, n]`: `b` is `[k, n]` with row stride `ldb`, or `[n, k]`
    /// when `transposed`. `columnSums` `[n]`, if given (untransposed only), receives
    /// `+= B[p, j]` in increasing `p`.
    ///
    /// `productUnits` is how many row panels or column tiles the one product this operand is
    /// packed for shares between threads (`MatrixProduct.split`), or `nil` for an operand
    /// packed once for many products. Its panels are then packed in as many pieces as the
    /// product runs in, sliced by whole column tiles, so that with both cores free each thread
    /// packs the tiles it multiplies when the product shares out its tiles. Packed on one
    /// thread, the copy kept the second one waiting: packed in parts, two-thread products ran
    /// faster, measured on an Intel Xeon with the two ways alternating in one process —
    /// 32 × 128 · 128 × 512 by 32–62% (split by tiles), 512³ by 0–18% (by rows, where each
    /// part reads the other's panels too), the h256 LSTM training step by 0–8%, and the h128
    /// models level (±5%).
    ///
    /// `wide`: the kernels the operand is packed for (their tiles decide how threads share
    /// the panels), read once so that every piece slices the panels alike.
    init(
        b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
        addingColumnSumsTo columnSums: UnsafeMutablePointer<Float>? = nil, productUnits: Int? = nil,
        wide: Bool
    ) {
        self.k = k
        self.n = n
        let width = MatrixProduct.panelColumns
        let panels = (n + width - 1) / width
        capacity = max(1, panels * k * width)
        storage = BufferPool.shared.take(capacity)
        let base = storage
        // Panels are independent (each with its own columns' sums): threads may share them.
        let units = productUnits ?? (k * n < MatrixProduct.splitThreshold ? 1 : panels)
        let alignment = MatrixProduct.tilePanels(wide: wide)
        WorkerTeam.run(pieces: WorkerTeam.pieces(splitting: units)) { share in
            var slice = share.slice(of: panels, alignment: alignment)
            if !transposed && columnSums == nil {
                // The slice's whole panels (a slice may hold only the partial last one, or none).
                let whole = slice.lowerBound..<max(slice.lowerBound, min(slice.upperBound, n / width))
                Self.packInRowGroups(panels: whole, of: b, ldb: ldb, k: k, into: base)
                slice = whole.upperBound..<slice.upperBound
            }
            for panel in slice {
                Self.pack(
                    panel: panel, of: b, ldb: ldb, transposed: transposed, k: k, n: n,
                    into: base + panel * k * width, addingColumnSumsTo: columnSums)
            }
        }
    }

    /// Copies whole panels `panels` of an untransposed `B` (`[k, n]`, row stride `ldb`) eight
    /// rows at a time: for each group of eight rows, panel after panel, the group's 16 values
    /// of the panel (eight cache lines of the target in a row). Panel by panel over the whole
    /// depth, each panel read one cache line from each of `k` rows `ldb` apart, and the line's
    /// neighbour, the next panel's, was read again later; row by row over every panel, the
    /// stores went to targets `k` rows apart, and packing was slower than before (that those
    /// targets fall in one set of L1 is a hypothesis: this virtual machine exposes no cache
    /// counters). Eight rows at a time and into a pooled block (the two not measured apart),
    /// on an AMD EPYC Zen 5, one thread, old and new launched in turn: a 32 × 128 · 128 × 512
    /// product faster in 7 of 8 pairs, 149.5 → 155.4 GFLOP/s by the medians; 512³ level in
    /// those pairs (185.1 → 188.0) and faster in 5 of 6 later ones (197.1 → 211.7). The same
    /// values land in the same places as `pack`'s.
    private static func packInRowGroups(
        panels: Range<Int>, of b: UnsafePointer<Float>, ldb: Int, k: Int, into base: UnsafeMutablePointer<Float>
    ) {
        guard !panels.isEmpty else { return }
        let width = MatrixProduct.panelColumns
        for first in stride(from: 0, to: k, by: 8) {
            let last = min(first + 8, k)
            for panel in panels {
                let column = panel * width
                let target = base + panel * k * width
                for p in first..<last {
                    let source = b + p * ldb + column
                    Lanes8.store(Lanes8.load(source), target + p * width)
                    Lanes8.store(Lanes8.load(source + 8), target + p * width + 8)
                }
            }
        }
    }

    /// Copies the 16 columns of panel `panel` of `op(B)` to `target` (`[k, 16]`), zero past `n`.
    private static func pack(
        panel: Int, of b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
        into target: UnsafeMutablePointer<Float>, addingColumnSumsTo columnSums: UnsafeMutablePointer<Float>?
    ) {
        let width = MatrixProduct.panelColumns
        let column = panel * width
        let columns = min(width, n - column)
        if columns < width { target.update(repeating: 0, count: k * width) }
        if transposed {
            // Column j of the panel is row `column + j` of the stored B: 8 × 8 blocks through
            // registers.
            engine_pack_transposed_panel(b + column * ldb, ldb, k, columns, target, width)
        } else if columns == width {
            var low = columnSums.map { Lanes8.load($0 + column) } ?? SIMD8()
            var high = columnSums.map { Lanes8.load($0 + column + 8) } ?? SIMD8()
            for p in 0..<k {
                let source = b + p * ldb + column
                let (first, second) = (Lanes8.load(source), Lanes8.load(source + 8))
                Lanes8.store(first, target + p * width)
                Lanes8.store(second, target + p * width + 8)
                if columnSums != nil { low += first; high += second }
            }
            if let columnSums {
                Lanes8.store(low, columnSums + column)
                Lanes8.store(high, columnSums + column + 8)
            }
        } else {
            for p in 0..<k {
                for j in 0..<columns {
                    target[p * width + j] = b[p * ldb + column + j]
                    columnSums?[column + j] += b[p * ldb + column + j]
                }
            }
        }
    }

    deinit {
        BufferPool.shared.give(storage, capacity: capacity)
    }

    func panel(_ index: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + index * k * MatrixProduct.panelColumns)
    }
}
