/// The matrix products the layers are built from, on raw row-major buffers.
///
/// Every recurrent layer multiplies activations by a transposed weight matrix (`x · Wᵀ`, as
/// PyTorch stores `W` as `[out, in]`), so that is the product provided first. Summation runs
/// over `k` in increasing order, always, so results do not depend on how work is split.
enum MatrixProduct {
    /// `c[m×n] = a[m×k] · bᵀ + c` when `accumulate`, else `a · bᵀ`, where `b` is `[n×k]`.
    ///
    /// - Parameters:
    ///   - a: `m` rows of `k` values, row `i` starting at `a + i * lda`.
    ///   - b: `n` rows of `k` values, row `j` starting at `b + j * ldb`.
    ///   - c: `m` rows of `n` values, row `i` starting at `c + i * ldc`.
    static func multiplyTransposed(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        for i in 0..<m {
            let aRow = a + i * lda
            let cRow = c + i * ldc
            for j in 0..<n {
                let bRow = b + j * ldb
                var sum: Float = 0
                for p in 0..<k { sum += aRow[p] * bRow[p] }
                cRow[j] = accumulate ? cRow[j] + sum : sum
            }
        }
    }
}

extension Tensor {
    /// The matrix product `self · otherᵀ` of `[m, k]` and `[n, k]` matrices, shape `[m, n]`.
    public func matmul(transposed other: Tensor) -> Tensor {
        require(
            rank == 2 && other.rank == 2 && shape[1] == other.shape[1],
            "matmul(transposed:): shapes \(shape) and \(other.shape) do not multiply as a · bᵀ")
        let (m, k, n) = (shape[0], shape[1], other.shape[0])
        var result = Tensor(zeros: [m, n])
        guard m > 0, n > 0, k > 0 else { return result }
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.scalars.withUnsafeMutableBufferPointer { c in
                    MatrixProduct.multiplyTransposed(
                        m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: k,
                        c: c.baseAddress!, ldc: n, accumulate: false)
                }
            }
        }
        return result
    }
}
