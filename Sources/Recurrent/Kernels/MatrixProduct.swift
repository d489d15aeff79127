/// The one matrix-product kernel every layer and op uses, on raw row-major buffers.
///
/// `C = op(A) · op(B)` (or `C += …`), where `op` is the identity or the transpose. The loops
/// are ordered so the innermost runs along a row of `B` and a row of `C` — contiguous memory
/// the compiler vectorises — and every `C[i, j]` sums its products in increasing `p`, so the
/// bits of the result never depend on how the work is split.
enum MatrixProduct {
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
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        guard m > 0, n > 0, k > 0 else { return }
        if transposeB {
            // Materialise Bᵀ as [k, n] so the inner loop stays contiguous.
            let transposed = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
            defer { transposed.deallocate() }
            for j in 0..<n {
                for p in 0..<k { transposed[p * n + j] = b[j * ldb + p] }
            }
            multiply(m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA,
                     b: transposed, ldb: n, transposeB: false, c: c, ldc: ldc, accumulate: true)
            return
        }
        for i in 0..<m {
            let cRow = c + i * ldc
            for p in 0..<k {
                let scale = transposeA ? a[p * lda + i] : a[i * lda + p]
                let bRow = b + p * ldb
                for j in 0..<n { cRow[j] += scale * bRow[j] }
            }
        }
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
