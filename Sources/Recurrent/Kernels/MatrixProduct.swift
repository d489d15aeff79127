import Foundation

/// The one matrix-product kernel every layer and op uses, on raw row-major buffers.
///
/// `C = op(A) · op(B)` (or `C += …`), where `op` is the identity or the transpose. Operands
/// are copied ("packed") into panels the microkernel reads contiguously: `A` in panels of 6
/// rows, `B` in panels of 16 columns, and a 6 × 16 block of `C` is held in twelve 8-wide
/// registers while the products over `k` are added into it with fused multiply-adds.
///
/// Every `C[i, j]` adds its products in increasing `k`, one fused multiply-add at a time,
/// whatever the sizes, the blocking or the number of threads — so the bits of the result never
/// depend on how the work is split.
enum MatrixProduct {
    static let panelRows = 6
    static let panelColumns = 16
    /// Depth of one block of `k`: a block of `B` (256 × n) stays in the L2 cache.
    static let depthBlock = 256

    /// - Parameters:
    ///   - m, n, k: `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`.
    ///   - a: `[m, k]` with row stride `lda`, or `[k, m]` when `transposeA`.
    ///   - b: `[k, n]` with row stride `ldb`, or `[n, k]` when `transposeB`.
    ///   - c: `[m, n]` with row stride `ldc`.
    ///   - accumulate: add into `C` instead of overwriting it.
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        var start = 0
        while start < k {
            let depth = min(depthBlock, k - start)
            let packed = PackedRight(
                b: transposeB ? b + start : b + start * ldb, ldb: ldb, transposed: transposeB, k: depth, n: n)
            multiply(
                m: m, a: transposeA ? a + start * lda : a + start, lda: lda, transposeA: transposeA,
                packed: packed, c: c, ldc: ldc, accumulate: accumulate || start > 0)
            start += depth
        }
    }

    /// `C = op(A) · B` (or `C += …`) with `B` already packed, for a right operand used many
    /// times — a layer's recurrent weights, once per time step.
    static func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int, transposeA: Bool,
        packed: PackedRight, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        let (k, n) = (packed.k, packed.n)
        guard m > 0, n > 0, k > 0 else { return }
        let rowPanels = (m + panelRows - 1) / panelRows
        let columnPanels = (n + panelColumns - 1) / panelColumns
        let threads = max(1, min(Engine.threadCount, columnPanels))
        // Threads take whole column panels, so each C entry is still computed by one thread.
        nonisolated(unsafe) let (left, right, output) = (a, packed, c)
        let work: @Sendable (Int) -> Void = { thread in
            let first = thread * columnPanels / threads
            let last = (thread + 1) * columnPanels / threads
            let packedA = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * k)
            defer { packedA.deallocate() }
            for rowPanel in 0..<rowPanels {
                let row = rowPanel * panelRows
                let rows = min(panelRows, m - row)
                // A full panel of an untransposed A is read in place (its six rows are just
                // `lda` apart); only transposed or partial panels are copied.
                let direct = !transposeA && rows == panelRows
                if !direct { packLeft(a: left, lda: lda, transposed: transposeA, row: row, rows: rows, k: k, into: packedA) }
                let panelA = direct ? left + row * lda : UnsafePointer(packedA)
                let (rowStride, columnStride) = direct ? (lda, 1) : (1, panelRows)
                for columnPanel in first..<last {
                    let column = columnPanel * panelColumns
                    kernel(
                        k: k, a: panelA, rowStride: rowStride, columnStride: columnStride, b: right.panel(columnPanel),
                        c: output + row * ldc + column, ldc: ldc,
                        rows: rows, columns: min(panelColumns, n - column), accumulate: accumulate)
                }
            }
        }
        // Small products cost less than waking a second thread: run the slices in turn.
        if threads == 1 || m * n * k < 1 << 22 {
            for thread in 0..<threads { work(thread) }
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: work)
        }
    }

    /// Rows `row ..< row + rows` of `op(A)` as a `k × 6` panel (row `p` holds the six values of
    /// column `p`), zero-padded to six rows.
    @inline(__always)
    private static func packLeft(
        a: UnsafePointer<Float>, lda: Int, transposed: Bool, row: Int, rows: Int, k: Int, into panel: UnsafeMutablePointer<Float>
    ) {
        if rows < panelRows { panel.update(repeating: 0, count: panelRows * k) }
        if transposed {
            // op(A) = Aᵀ: the six values for column p are contiguous, a[p * lda + row ..< + rows].
            // Six explicit copies for a full panel: a loop of variable length here becomes a
            // memmove call per column, which costs more than the copy.
            if rows == panelRows {
                for p in 0..<k {
                    let source = a + p * lda + row
                    let target = panel + p * panelRows
                    target[0] = source[0]; target[1] = source[1]; target[2] = source[2]
                    target[3] = source[3]; target[4] = source[4]; target[5] = source[5]
                }
            } else {
                for p in 0..<k {
                    let source = a + p * lda + row
                    let target = panel + p * panelRows
                    for r in 0..<rows { target[r] = source[r] }
                }
            }
        } else {
            for r in 0..<rows {
                let source = a + (row + r) * lda
                for p in 0..<k { panel[p * panelRows + r] = source[p] }
            }
        }
    }

    /// `C[rows × columns] (+)= A-panel · B-panel` over `k`, the 6 × 16 block in registers.
    /// Element `(r, p)` of the A panel is `a[r * rowStride + p * columnStride]`.
    @inline(__always)
    private static func kernel(
        k: Int, a: UnsafePointer<Float>, rowStride: Int, columnStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, accumulate: Bool
    ) {
        let full = rows == panelRows && columns == panelColumns
        // A partial block is computed into a full-size scratch block and copied out.
        var scratch = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        withUnsafeMutableBytes(of: &scratch) { scratchBytes in
            let block = scratchBytes.baseAddress!.assumingMemoryBound(to: Float.self)
            let target = full ? c : block
            let stride = full ? ldc : panelColumns
            if !full && accumulate {
                for r in 0..<rows { for j in 0..<columns { block[r * panelColumns + j] = c[r * ldc + j] } }
            }
            func load(_ r: Int, _ half: Int) -> SIMD8<Float> {
                accumulate ? UnsafeRawPointer(target + r * stride + half * 8).loadUnaligned(as: SIMD8<Float>.self) : SIMD8()
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
                broadcast = SIMD8(repeating: pa[2 * rowStride])
                c20 = c20.addingProduct(broadcast, b0); c21 = c21.addingProduct(broadcast, b1)
                broadcast = SIMD8(repeating: pa[3 * rowStride])
                c30 = c30.addingProduct(broadcast, b0); c31 = c31.addingProduct(broadcast, b1)
                broadcast = SIMD8(repeating: pa[4 * rowStride])
                c40 = c40.addingProduct(broadcast, b0); c41 = c41.addingProduct(broadcast, b1)
                broadcast = SIMD8(repeating: pa[5 * rowStride])
                c50 = c50.addingProduct(broadcast, b0); c51 = c51.addingProduct(broadcast, b1)
                pa += columnStride
                pb += panelColumns * MemoryLayout<Float>.stride
            }
            func store(_ value: SIMD8<Float>, _ r: Int, _ half: Int) {
                UnsafeMutableRawPointer(target + r * stride + half * 8).storeBytes(of: value, as: SIMD8<Float>.self)
            }
            if full || rows > 0 { store(c00, 0, 0); store(c01, 0, 1) }
            if full || rows > 1 { store(c10, 1, 0); store(c11, 1, 1) }
            if full || rows > 2 { store(c20, 2, 0); store(c21, 2, 1) }
            if full || rows > 3 { store(c30, 3, 0); store(c31, 3, 1) }
            if full || rows > 4 { store(c40, 4, 0); store(c41, 4, 1) }
            if full || rows > 5 { store(c50, 5, 0); store(c51, 5, 1) }
            if !full {
                for r in 0..<rows { for j in 0..<columns { c[r * ldc + j] = block[r * panelColumns + j] } }
            }
        }
    }
}

/// The right operand of a product, copied into panels of 16 columns: panel `q` holds, for
/// each `p` in `0 ..< k`, the 16 values `B[p, 16q ..< 16q + 16]` (zero past `n`).
final class PackedRight: @unchecked Sendable {
    let k: Int
    let n: Int
    private let storage: UnsafeMutablePointer<Float>

    /// Packs `op(B)` of shape `[k, n]`: `b` is `[k, n]` with row stride `ldb`, or `[n, k]`
    /// when `transposed`.
    init(b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int) {
        self.k = k
        self.n = n
        let width = MatrixProduct.panelColumns
        let panels = (n + width - 1) / width
        storage = .allocate(capacity: max(1, panels * k * width))
        for panel in 0..<panels {
            let target = storage + panel * k * width
            let column = panel * width
            let columns = min(width, n - column)
            if columns < width { target.update(repeating: 0, count: k * width) }
            if transposed {
                for j in 0..<columns {
                    let source = b + (column + j) * ldb
                    for p in 0..<k { target[p * width + j] = source[p] }
                }
            } else if columns == width {
                for p in 0..<k {
                    let source = UnsafeRawPointer(b + p * ldb + column)
                    let destination = UnsafeMutableRawPointer(target + p * width)
                    destination.storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                    destination.storeBytes(of: source.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self),
                                           toByteOffset: 32, as: SIMD8<Float>.self)
                }
            } else {
                for p in 0..<k {
                    for j in 0..<columns { target[p * width + j] = b[p * ldb + column + j] }
                }
            }
        }
    }

    deinit {
        storage.deallocate()
    }

    func panel(_ index: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + index * k * MatrixProduct.panelColumns)
    }
}

extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]` matrices, shape `[m, n]`; either operand
    /// may be used transposed (`self` is then `[k, m]`, `other` `[n, k]`).
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        require(rank == 2 && other.rank == 2,
                "matmul: shapes \(shape) and \(other.shape) are not both matrices")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        require(k == k2, "matmul: shapes \(shape)\(transposeSelf ? "ᵀ" : "") and \(other.shape)\(transposeOther ? "ᵀ" : "") do not multiply")
        var result = Tensor(zeros: [m, n])
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.scalars.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    MatrixProduct.multiply(
                        m: m, n: n, k: k, a: a, lda: shape[1], transposeA: transposeSelf,
                        b: b, ldb: other.shape[1], transposeB: transposeOther, c: c, ldc: n, accumulate: false)
                }
            }
        }
        return result
    }

    /// `self · otherᵀ` for `[m, k]` and `[n, k]` matrices: the `x · Wᵀ` of every layer.
    public func matmul(transposed other: Tensor) -> Tensor {
        matmul(other, transposeOther: true)
    }
}
