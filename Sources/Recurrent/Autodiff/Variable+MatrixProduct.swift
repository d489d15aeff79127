/// The matrix product of `[m, k]` and `[k, n]` variables, `[m, n]`; with `transposeRight`, the
/// right operand is `[n, k]` and used transposed — `x · Wᵀ` for a weight stored PyTorch's way,
/// `[out, in]`.
public func matmul(_ lhs: Variable, _ rhs: Variable, transposeRight: Bool = false) -> Variable {
    let value = lhs.value.matmul(rhs.value, transposeOther: transposeRight)
    return Variable.record("matmul", inputs: [lhs, rhs], value: value) { gradient in
        // C = A·B:  dA = dC·Bᵀ, dB = Aᵀ·dC.   C = A·Bᵀ:  dA = dC·B, dB = dCᵀ·A.
        let lhsGradient = lhs.requiresGradient ? gradient.matmul(rhs.value, transposeOther: !transposeRight) : nil
        let rhsGradient: Tensor? = rhs.requiresGradient
            ? (transposeRight ? gradient.matmul(lhs.value, transposeSelf: true) : lhs.value.matmul(gradient, transposeSelf: true))
            : nil
        return [lhsGradient, rhsGradient]
    }
}
