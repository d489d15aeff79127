import CEngineSupport
import Foundation
import WideKernels

/// The one matrix-product kernel every layer and op uses, on raw row-major buffers.
///
/// `C = op(A) · op(B)` (or `C += …`), where `op` is the identity or the transpose. `B` is
/// copied ("packed") into panels of 16 columns the microkernel reads contiguously; `A` is read
/// where it lies, 6 rows at a time (when 1 or 2 rows would be left at the end, the last 7 or 8
/// rows 4 at a time: `rowsOfPanel`; only a last panel of 1, 3 or 5 rows is copied, zero-padded),
/// and a 6 × 16 block of `C` is held in twelve 8-wide
/// registers while the products over `k` are added into it with fused multiply-adds. On a
/// processor with 512-bit vectors (AVX-512) the wide kernels of `WideKernels` do the same on
/// 8 × 48 blocks in twenty-four 16-wide registers, 8 rows of `A` at a time, and on 8 × 32 or
/// 8 × 16 blocks where only two panels or one of `B` are left.
///
/// Every `C[i, j]` adds its products in increasing `k`, one fused multiply-add at a time,
/// whatever the sizes, the blocking, the kernel or the number of threads — so the bits of the
/// result never depend on how the work is split or on which processor runs it.
enum MatrixProduct {
    static let panelColumns = 16

    /// The blocking for the 16-wide kernels (`wide`) or the 8-wide ones (`MatrixBlocking`):
    /// from this processor's caches.
    static func blocking(wide: Bool) -> MatrixBlocking { wide ? .wide : .narrow }

    /// Multiply-adds below which a product runs on one thread. The threads of a region meet in
    /// about a microsecond, what 2¹⁶ multiply-adds take; a product is split only when it is
    /// some thirty times that, so that the split pays however the threads are placed. At 2²⁰
    /// the weight-gradient chunks of an LSTM of 32 units (128 × 256 · 256 × 32, exactly 2²⁰)
    /// were split, and its training step ran slower on two threads than on one (medians 2.4
    /// against 2.1 ms, AMD EPYC Zen 3); from 2²¹ they run on one thread (2.09 ms on two).
    static let splitThreshold = 1 << 21

    /// - Parameters:
    ///   - m, n, k: `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`.
    ///   - a: `[m, k]` with row stride `lda`, or `[k, m]` when `transposeA`.
    ///   - b: `[k, n]` with row stride `ldb`, or `[n, k]` when `transposeB`.
    ///   - c: `[m, n]` with row stride `ldc`.
    ///   - accumulate: add into `C` instead of overwriting it.
    ///   - depthSumsOfA: `[m]`, or `nil`: receives `+= Σ_p op(A)[i, p]`, one addition at a time
    ///     in increasing `p` — a bias gradient riding along its weight gradient, summed while
    ///     `A` is packed rather than in a pass of its own. Needs `transposeA` (`A`'s rows are
    ///     then read in depth order).
    ///   - depthSumsOfB: `[n]`, or `nil`: likewise `+= Σ_p op(B)[p, j]`; needs `!transposeB`.
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
        depthSumsOfA: UnsafeMutablePointer<Float>? = nil, depthSumsOfB: UnsafeMutablePointer<Float>? = nil
    ) {
        precondition(depthSumsOfA == nil || transposeA, "depth sums of A need A stored transposed")
        precondition(depthSumsOfB == nil || !transposeB, "depth sums of B need B stored untransposed")
        guard m > 0, n > 0 else {
            // Nothing to multiply, but the sums are still owed.
            if let depthSumsOfA { RowArithmetic.addRows(of: a, rows: k, width: m, stride: lda, into: depthSumsOfA) }
            if let depthSumsOfB { RowArithmetic.addRows(of: b, rows: k, width: n, stride: ldb, into: depthSumsOfB) }
            return
        }
        guard k > 0 else {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        if n < panelColumns && m >= 4 * panelColumns {
            return multiplyTransposed(
                m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb, transposeB: transposeB,
                c: c, ldc: ldc, accumulate: accumulate, depthSumsOfA: depthSumsOfA, depthSumsOfB: depthSumsOfB)
        }
        // The kernel width is read once: a product is cut for one kernel from start to end
        // (tests switch `Engine.usesWideVectors` while other tests' products run).
        let wide = Engine.usesWideVectors
        // Each depth block is packed just before it is used, so it is still in the cache.
        let depthBlock = blocking(wide: wide).depth
        var start = 0
        while start < k {
            let depth = min(depthBlock, k - start)
            let packed = PackedRight(
                b: transposeB ? b + start : b + start * ldb, ldb: ldb, transposed: transposeB, k: depth, n: n,
                addingColumnSumsTo: depthSumsOfB, productUnits: split(m: m, n: n, k: depth, wide: wide).units, wide: wide)
            multiply(
                m: m, a: transposeA ? a + start * lda : a + start, lda: lda, transposeA: transposeA,
                packed: packed, c: c, ldc: ldc, accumulate: accumulate || start > 0, depthSumsOfA: depthSumsOfA,
                wide: wide)
            start += depth
        }
    }

    /// A product a few columns wide (a weight gradient `∂W_ih` of a layer with 8 inputs) fills
    /// a sliver of each block of the kernel. Its transpose `Cᵀ = op(B)ᵀ · op(A)ᵀ` is a few
    /// rows high instead, which fills whole blocks: the same products added in the same
    /// order from the same start (`a·b` and `b·a` round alike), so the same bits, computed in
    /// a `[n, m]` scratch matrix and copied back.
    private static func multiplyTransposed(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
        depthSumsOfA: UnsafeMutablePointer<Float>?, depthSumsOfB: UnsafeMutablePointer<Float>?
    ) {
        let transposedC = UnsafeMutablePointer<Float>.allocate(capacity: n * m)
        defer { transposedC.deallocate() }
        if accumulate {
            for i in 0..<m { for j in 0..<n { transposedC[j * m + i] = c[i * ldc + j] } }
        }
        multiply(
            m: n, n: m, k: k, a: b, lda: ldb, transposeA: !transposeB, b: a, ldb: lda, transposeB: !transposeA,
            c: transposedC, ldc: m, accumulate: accumulate, depthSumsOfA: depthSumsOfB, depthSumsOfB: depthSumsOfA)
        for i in 0..<m { for j in 0..<n { c[i * ldc + j] = transposedC[j * m + i] } }
    }

    /// `C = op(A) · op(B)` (or `C += …`) with `op(B)` packed once beforehand in depth blocks,
    /// for a right operand used at every time step. The same blocks in the same order as the
    /// product above, so the same bits.
    static func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        packed operand: PackedOperand, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        guard m > 0, operand.n > 0 else { return }
        guard operand.k > 0 else {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: operand.n) } }
            return
        }
        let wide = Engine.usesWideVectors
        for (index, block) in operand.blocks.enumerated() {
            let start = index * operand.depthBlock
            multiply(
                m: m, a: transposeA ? a + start * lda : a + start, lda: lda, transposeA: transposeA,
                packed: block, c: c, ldc: ldc, accumulate: accumulate || start > 0, wide: wide)
        }
    }

    /// `C = op(A) · B` (or `C += …`) with `B` already packed, for a right operand used many
    /// times — a layer's recurrent weights, once per time step.
    ///
    /// - Parameter wide: the 16-wide kernels or the 8-wide ones, for the whole product.
    static func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        packed: PackedRight, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
        depthSumsOfA: UnsafeMutablePointer<Float>? = nil, wide: Bool
    ) {
        let (k, n) = (packed.k, packed.n)
        guard m > 0, n > 0, k > 0 else { return }
        let panelRows = panelRows(wide: wide)
        let tileColumns = tilePanels(wide: wide) * panelColumns
        let split = split(m: m, n: n, k: k, wide: wide)
        let (rowPanels, columnTiles) = (split.rowPanels, split.columnTiles)
        // A block of row panels of A stays in L2 while B's tiles pass.
        let rowPanelsPerBlock = blocking(wide: wide).rowPanelsPerBlock(panelRows: panelRows, k: k)
        // The kernels read the panels of A where they lie, an untransposed A's rows `lda` apart
        // and a transposed one's values of each depth step side by side: a weight gradient's
        // `∂R` (the transposed A) is not copied into panels first (that copy was 5% of an LSTM
        // training step), except by the 8-wide kernel when its rows are 4 KiB apart
        // (`packsLeftBlocks`). The sums are then a pass of their own.
        if let depthSumsOfA { RowArithmetic.addRows(of: a, rows: k, width: m, stride: lda, into: depthSumsOfA) }
        let splitsRows = split.byRows
        let packedB = packed
        let (left, output) = (a, c)
        func work(_ share: WorkShare) {
            let tiles = splitsRows ? 0..<columnTiles : share.slice(of: columnTiles)
            let panels = splitsRows ? share.slice(of: rowPanels) : 0..<rowPanels
            guard !tiles.isEmpty, !panels.isEmpty else { return }
            // Only the last row panel can need a padded copy (`needsPaddedCopy`); it is copied
            // here, once, zero-padded.
            let last = rowsOfPanel(rowPanels - 1, m: m, wide: wide)
            let partial = needsPaddedCopy(rows: last.rows, wide: wide) && panels.upperBound == rowPanels
                ? UnsafeMutablePointer<Float>.allocate(capacity: panelRows * k) : nil
            defer { partial?.deallocate() }
            if let partial {
                packLeft(a: left, lda: lda, transposed: transposeA, row: last.row, rows: last.rows, panelRows: panelRows, k: k, into: partial)
            }
            // A large A whose rows are far apart is the exception: copied into panels a block of
            // rows at a time, once for all of B's tiles (`packsLeftBlocks`).
            let blockPanels = min(rowPanelsPerBlock, panels.count)
            let packedBlockCount = blockPanels * panelRows * k
            let packsA = packsLeftBlocks(
                transposeA: transposeA, lda: lda, wide: wide, tiles: tiles.count,
                blockBytes: packedBlockCount * MemoryLayout<Float>.stride)
            let packedBlock = packsA ? BufferPool.shared.take(packedBlockCount) : nil
            defer { if let packedBlock { BufferPool.shared.give(packedBlock, capacity: packedBlockCount) } }
            // Row panels inside column tiles: a tile of B stays in the L1 cache while every
            // panel of a block of A rows (kept in L2) passes over it.
            for blockStart in stride(from: panels.lowerBound, to: panels.upperBound, by: rowPanelsPerBlock) {
                let blockEnd = min(blockStart + rowPanelsPerBlock, panels.upperBound)
                if let packedBlock {
                    // Every panel but one needing a padded copy, which is in `partial` already.
                    // Each is `rows` values wide per depth step, at its slot of `panelRows * k`.
                    // A transposed A's whole panels (all but the last one or two, which start
                    // where whole panels would) are copied together, depth step by step.
                    let wholePanels = transposeA
                        ? (blockStart..<blockEnd).prefix { rowsOfPanel($0, m: m, wide: wide).rows == panelRows }.count : 0
                    if wholePanels > 0 {
                        let firstRow = rowsOfPanel(blockStart, m: m, wide: wide).row
                        engine_pack_row_panels(left + firstRow, lda, k, wholePanels, panelRows, packedBlock)
                    }
                    for rowPanel in blockStart + wholePanels..<blockEnd {
                        let (row, rows) = rowsOfPanel(rowPanel, m: m, wide: wide)
                        guard !needsPaddedCopy(rows: rows, wide: wide) else { continue }
                        let target = packedBlock + (rowPanel - blockStart) * panelRows * k
                        if transposeA {
                            engine_pack_row_panels(left + row, lda, k, 1, rows, target)
                        } else {
                            engine_pack_transposed_panel(left + row * lda, lda, k, rows, target, rows)
                        }
                    }
                }
                for tile in tiles {
                    let column = tile * tileColumns
                    let columns = min(tileColumns, n - column)
                    for rowPanel in blockStart..<blockEnd {
                        let (row, rows) = rowsOfPanel(rowPanel, m: m, wide: wide)
                        // Where the kernel reads this panel, and the strides of its rows and
                        // depth steps there.
                        let panelA: UnsafePointer<Float>
                        let (rowStride, columnStride): (Int, Int)
                        if needsPaddedCopy(rows: rows, wide: wide) {
                            (panelA, rowStride, columnStride) = (UnsafePointer(partial!), 1, panelRows)
                        } else if let packedBlock {
                            panelA = UnsafePointer(packedBlock + (rowPanel - blockStart) * panelRows * k)
                            (rowStride, columnStride) = (1, rows)
                        } else if transposeA {
                            (panelA, rowStride, columnStride) = (left + row, 1, lda)
                        } else {
                            (panelA, rowStride, columnStride) = (left + row * lda, lda, 1)
                        }
                        if wide && columns <= panelColumns {
                            // A last tile of one panel: the 8 × 16 kernel, not a third of an 8 × 48 one.
                            wideHalfBlock(
                                k: k, a: panelA, rowStride: rowStride, columnStride: columnStride,
                                panel: packedB.panel(3 * tile),
                                c: output + row * ldc + column, ldc: ldc, rows: rows, columns: columns, accumulate: accumulate)
                        } else if wide && columns <= 2 * panelColumns {
                            // A last tile of two panels: the 8 × 32 kernel.
                            wideBlock(
                                k: k, a: panelA, rowStride: rowStride, columnStride: columnStride,
                                left: packedB.panel(3 * tile), right: packedB.panel(3 * tile + 1),
                                c: output + row * ldc + column, ldc: ldc, rows: rows, columns: columns, accumulate: accumulate)
                        } else if wide {
                            wideTripleBlock(
                                k: k, a: panelA, rowStride: rowStride, columnStride: columnStride,
                                first: packedB.panel(3 * tile), second: packedB.panel(3 * tile + 1),
                                third: packedB.panel(3 * tile + 2),
                                c: output + row * ldc + column, ldc: ldc, rows: rows, columns: columns, accumulate: accumulate)
                        } else {
                            func narrow<RowsComputed: NarrowKernelRows>(_ rowsComputed: RowsComputed.Type) {
                                // Read where it lies, a panel must have exactly the rows the
                                // kernel reads, or it would read past them.
                                assert(needsPaddedCopy(rows: rows, wide: wide) || rows == RowsComputed.count)
                                kernel(
                                    k: k, a: panelA, rowStride: rowStride, columnStride: columnStride,
                                    b: packedB.panel(tile), c: output + row * ldc + column, ldc: ldc,
                                    rows: rows, columns: columns, computing: rowsComputed, accumulate: accumulate)
                            }
                            // A panel of 1–2 or 3–4 rows (the two of 4 that end a batch of 32,
                            // the last of 16 or 10) runs as two or four rows, not six.
                            if rows > 4 { narrow(SixRows.self) } else if rows > 2 { narrow(FourRows.self) } else { narrow(TwoRows.self) }
                        }
                    }
                }
            }
        }
        WorkerTeam.run(pieces: WorkerTeam.pieces(splitting: split.units), work)
    }

    /// Rows of `A` the kernel multiplies at a time: 8 for the 16-wide kernels, 6 for the 8-wide.
    static func panelRows(wide: Bool) -> Int { wide ? 8 : 6 }
    /// `panelRows(wide:)` for the kernels in use.
    static var panelRows: Int { panelRows(wide: Engine.usesWideVectors) }

    /// The rows of `op(A)` that row panel `panel` of an `m`-row product covers: `panelRows`
    /// each, and fewer in the last, except on the 8-wide kernel when the last would have 1 or
    /// 2 rows (`m` is 1 or 2 more than a multiple of 6, and at least 7). The last 7 or 8 rows
    /// are then two panels of 4 and 3 or 4 (a batch of 32: 6, 6, 6, 6, 4, 4), not 6 and 1–2.
    /// A panel of 2 rows runs two rows' four chains of fused multiply-adds, each waiting for
    /// its previous addition (4 cycles on the cores measured), so it keeps the two FMA units
    /// half busy; a panel of 4 runs eight chains, enough to fill them, and is read and written
    /// in place where a last panel of 1 or 2 rows went through copies. The panels' count is
    /// `ceil(m / panelRows)` either way, and no sum changes: the same bits. Measured on an AMD
    /// EPYC Zen 3 (AVX2), the two ways alternating in one process, medians:
    /// 32 × 128 · 128 × 512 3.6% faster in two launches, the training steps 1–2% (h128, GRU
    /// h128, h32), h256 level; the 16-wide kernels' 8-row panels are unchanged.
    static func rowsOfPanel(_ panel: Int, m: Int, wide: Bool = Engine.usesWideVectors) -> (row: Int, rows: Int) {
        let panelRows = panelRows(wide: wide)
        let count = (m + panelRows - 1) / panelRows
        let lastRows = m - (count - 1) * panelRows
        if !wide && count >= 2 && lastRows <= 2 && panel >= count - 2 {
            let row = (count - 2) * panelRows
            return panel == count - 2 ? (row, 4) : (row + 4, m - row - 4)
        }
        let row = panel * panelRows
        return (row, min(panelRows, m - row))
    }

    /// Whether a panel of `rows` rows must be copied into a zero-padded panel before the kernel
    /// reads it: when no kernel reads exactly `rows` rows of `A` — 8 on the 16-wide kernels;
    /// 6, 4 or 2 on the 8-wide (`NarrowKernelRows`). Any other panel is read where it lies or
    /// from a packed block (`packsLeftBlocks`). Only the last panel of a product can need it.
    static func needsPaddedCopy(rows: Int, wide: Bool = Engine.usesWideVectors) -> Bool {
        wide ? rows != panelRows(wide: true) : rows != 6 && rows != 4 && rows != 2
    }

    /// Packed panels of `B` in one column tile of the kernel: three for the 16-wide kernels
    /// (8 × 48 blocks), one for the 8-wide (6 × 16).
    static func tilePanels(wide: Bool) -> Int { wide ? 3 : 1 }

    /// How an `[m, k] · [k, n]` product (with `B` packed) is cut between threads
    /// (`ProductSplit`).
    static func split(m: Int, n: Int, k: Int, wide: Bool) -> ProductSplit {
        let (panelRows, tileColumns) = (panelRows(wide: wide), tilePanels(wide: wide) * panelColumns)
        let (rowPanels, columnTiles) = ((m + panelRows - 1) / panelRows, (n + tileColumns - 1) / tileColumns)
        return ProductSplit(
            units: m * n * k < splitThreshold ? 1 : max(rowPanels, columnTiles), byRows: rowPanels > columnTiles,
            rowPanels: rowPanels, columnTiles: columnTiles)
    }

    /// Whether a product copies its `A` into panels, a block of row panels at a time
    /// (`blockBytes` of them), rather than reading it where it lies.
    ///
    /// Read in place, a panel of an untransposed `A` is `panelRows` streams of values `lda`
    /// apart, read again for every tile of `B`; packed, it is one stream in depth order (why
    /// that is faster is a hypothesis: this virtual machine exposes no cache counters).
    /// Measured on an Intel Xeon (family 6 model 167, 48 KiB L1d), steps alternating
    /// in one process: the copy pays where the block outgrows L1 and meets at least four of
    /// `B`'s tiles — 16-wide 512³ +6–9%, 1600 × 256 · 256 × 1024 +8–14%, 1024³ +31–44%
    /// (rows 4 KiB apart share one set of L1) — and is level or a loss below that (128³,
    /// 32-row step products, the 65-column head). The 8-wide kernel gained only where rows
    /// are a multiple of 4 KiB apart (1024³ +15%; 512³ level, 128³ −7% when copied), so it
    /// copies only then. A transposed `A` (a weight gradient's `∂R`) is mostly read in place:
    /// its panel's values of one depth step lie side by side, and copying it made
    /// 512 × 512 · 512 × 128 and 384 × 800 · 800 × 128 15–20% slower on the Xeon's 16-wide
    /// kernel. The 8-wide kernel copies it where its rows are a multiple of 4 KiB apart too
    /// (every depth step of a panel then falls in one set of L1): on an AMD EPYC Zen 3, the
    /// h256 LSTM's training step (its `∂W_hh` and `∂W_ih` read a `∂R` of 1024 gates a row)
    /// ran 3.7–5.5% faster in four launches, alternating (2% more once whole panels were
    /// copied together); at rows 2 KiB and 1.5 KiB apart (the h128 LSTM, the h128 GRU)
    /// copying was 3% slower panel by panel and level (±1%) copied together, so it is not
    /// done there. The 16-wide kernel with rows 4 KiB apart was not measured (no AVX-512
    /// machine at hand) and reads in place.
    /// The copy changes where values are read, never a sum: the same bits either way.
    private static func packsLeftBlocks(transposeA: Bool, lda: Int, wide: Bool, tiles: Int, blockBytes: Int) -> Bool {
        tiles >= 4 && blockBytes > CacheSizes.current.level1Data
            && (transposeA ? !wide && lda % 1024 == 0 : wide || lda % 1024 == 0)
    }

    /// Rows `row ..< row + rows` of `op(A)` as a `k × panelRows` panel (row `p` holds the
    /// values of column `p`), zero-padded to `panelRows` rows; `a` is `[m, k]`, or `[k, m]` when
    /// `transposed`, with row stride `lda`.
    @inline(__always)
    private static func packLeft(
        a: UnsafePointer<Float>, lda: Int, transposed: Bool, row: Int, rows: Int, panelRows: Int, k: Int,
        into panel: UnsafeMutablePointer<Float>
    ) {
        if rows < panelRows { panel.update(repeating: 0, count: panelRows * k) }
        for r in 0..<rows {
            for p in 0..<k { panel[p * panelRows + r] = transposed ? a[p * lda + row + r] : a[(row + r) * lda + p] }
        }
    }

    /// `C[rows × columns] (+)= A-panel · B-panel` over `k`, the 6 × 16 block in registers (the
    /// narrow kernel).
    /// Element `(r, p)` of the A panel is `a[r * rowStride + p * columnStride]`.
    ///
    /// `RowsComputed` (2, 4 or 6 rows, at least `rows`) is how many rows of the block run the
    /// depth loop, and the only rows of `A` and `C` it reads: a block of exactly that many
    /// rows and 16 columns is read and written in place, any other through a scratch block.
    /// Skipping rows changes no other row's chain.
    @inline(__always)
    private static func kernel<RowsComputed: NarrowKernelRows>(
        k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, computing _: RowsComputed.Type,
        accumulate: Bool
    ) {
        let rowsComputed = RowsComputed.count
        let full = rows == rowsComputed && columns == panelColumns
        // A partial block is computed into a full-size scratch block and copied out.
        var scratch = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        withUnsafeMutableBytes(of: &scratch) { scratchBytes in
            let block = scratchBytes.baseAddress!.assumingMemoryBound(to: Float.self)
            let target = full ? c : block
            let stride = full ? ldc : panelColumns
            if !full && accumulate {
                engine_narrow_copy_corner_in(c, ldc, rows, columns, block, 6, panelColumns)
            }
            // Rows past `rowsComputed` are never loaded: in place, they may lie past `C`.
            func load(_ r: Int, _ half: Int) -> SIMD8<Float> {
                accumulate && r < rowsComputed ? UnsafeRawPointer(target + r * stride + half * 8).loadUnaligned(as: SIMD8<Float>.self) : SIMD8()
            }
            var c00 = load(0, 0), c01 = load(0, 1), c10 = load(1, 0), c11 = load(1, 1)
            var c20 = load(2, 0), c21 = load(2, 1), c30 = load(3, 0), c31 = load(3, 1)
            var c40 = load(4, 0), c41 = load(4, 1), c50 = load(5, 0), c51 = load(5, 1)
            var pa = a
            var pb = UnsafeRawPointer(b)
            for _ in 0..<k {
                let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
                let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                var broadcast = SIMD8<Float>(repeating: pa[0])
                c00 = c00.addingProduct(broadcast, b0); c01 = c01.addingProduct(broadcast, b1)
                broadcast = SIMD8(repeating: pa[rowStride])
                c10 = c10.addingProduct(broadcast, b0); c11 = c11.addingProduct(broadcast, b1)
                if rowsComputed > 2 {
                    broadcast = SIMD8(repeating: pa[2 * rowStride])
                    c20 = c20.addingProduct(broadcast, b0); c21 = c21.addingProduct(broadcast, b1)
                    broadcast = SIMD8(repeating: pa[3 * rowStride])
                    c30 = c30.addingProduct(broadcast, b0); c31 = c31.addingProduct(broadcast, b1)
                }
                if rowsComputed > 4 {
                    broadcast = SIMD8(repeating: pa[4 * rowStride])
                    c40 = c40.addingProduct(broadcast, b0); c41 = c41.addingProduct(broadcast, b1)
                    broadcast = SIMD8(repeating: pa[5 * rowStride])
                    c50 = c50.addingProduct(broadcast, b0); c51 = c51.addingProduct(broadcast, b1)
                }
                pa += columnStride
                pb += panelColumns * MemoryLayout<Float>.stride
            }
            func store(_ value: SIMD8<Float>, _ r: Int, _ half: Int) {
                UnsafeMutableRawPointer(target + r * stride + half * 8).storeBytes(of: value, as: SIMD8<Float>.self)
            }
            if rows > 0 { store(c00, 0, 0); store(c01, 0, 1) }
            if rows > 1 { store(c10, 1, 0); store(c11, 1, 1) }
            if rows > 2 { store(c20, 2, 0); store(c21, 2, 1) }
            if rows > 3 { store(c30, 3, 0); store(c31, 3, 1) }
            if rows > 4 { store(c40, 4, 0); store(c41, 4, 1) }
            if rows > 5 { store(c50, 5, 0); store(c51, 5, 1) }
            if !full {
                engine_narrow_copy_corner_out(block, panelColumns, c, ldc, rows, columns)
            }
        }
    }
}

/// How many rows of a 6-row panel the narrow kernel runs: a type rather than a number, so that
/// the kernel is compiled once per count, each without the other rows' arithmetic in its loop.
protocol NarrowKernelRows { static var count: Int { get } }
enum TwoRows: NarrowKernelRows { static var count: Int { 2 } }
enum FourRows: NarrowKernelRows { static var count: Int { 4 } }
enum SixRows: NarrowKernelRows { static var count: Int { 6 } }

extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]` matrices, shape `[m, n]`; either operand
    /// may be used transposed (`self` is then `[k, m]`, `other` `[n, k]`).
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        require(rank == 2 && other.rank == 2,
                "matmul: shapes \(shape) and \(other.shape) are not both matrices")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        require(k == k2, "matmul: shapes \(shape)\(transposeSelf ? "ᵀ" : "") and \(other.shape)\(transposeOther ? "ᵀ" : "") do not multiply")
        // The product overwrites every entry of C (zeros where k is 0), so C starts unwritten.
        return Tensor(shape: [m, n]) { c in
            guard let c = c.baseAddress else { return }
            guard k > 0 else { return c.initialize(repeating: 0, count: m * n) }
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    MatrixProduct.multiply(
                        m: m, n: n, k: k, a: a.baseAddress!, lda: shape[1], transposeA: transposeSelf,
                        b: b.baseAddress!, ldb: other.shape[1], transposeB: transposeOther, c: c, ldc: n, accumulate: false)
                }
            }
        }
    }

    /// `self · otherᵀ` for `[m, k]` and `[n, k]` matrices: the `x · Wᵀ` of every layer.
    public func matmul(transposed other: Tensor) -> Tensor {
        matmul(other, transposeOther: true)
    }
}

/// How a product with `B` packed is cut between threads (`MatrixProduct.split`): into whole
/// row panels of `A` (a product many rows high, such as a language model's head over every
/// step) or whole column tiles of `B`, whichever there are more of, so that each `C` entry is
/// computed by one thread.
struct ProductSplit {
    /// Row panels or column tiles to share out; 1 when the product is too small to be worth a
    /// second thread.
    let units: Int
    let byRows: Bool
    /// Panels of `MatrixProduct.panelRows` rows (the last, or on the 8-wide kernel the last
    /// two, may have fewer: `MatrixProduct.rowsOfPanel`).
    let rowPanels: Int
    /// Tiles of `MatrixProduct.tilePanels(wide:)` packed panels (the last may be partial).
    let columnTiles: Int
}
