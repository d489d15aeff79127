import WideKernels

/// tanh and the logistic function for the kernels, eight or sixteen lanes at a time, or one.
///
/// `tanh` is the rational approximation Eigen uses for `float`: an odd polynomial of degree
/// 13 over an even one of degree 6, on inputs clamped to ±7.99881 (beyond which tanh rounds to
/// ±1 in single precision). Near zero the ratio is `x` times 1 − 1.3·10⁻⁷, so small inputs keep
/// their relative accuracy. NaN stays NaN, so a run that diverges shows it. The logistic function is `σ(x) = ½ tanh(x/2) + ½`, an identity, so both share
/// one approximation. The scalar versions perform the same operations in the same order as
/// each vector lane, so a value gets the same bits whichever path computes it.
enum FastMath {
    // One set of coefficients for every width (see `RationalTanh`).
    private static var clamp: Float { RationalTanh.clamp }
    private static var alpha0: Float { RationalTanh.alpha0 }
    private static var alpha1: Float { RationalTanh.alpha1 }
    private static var alpha2: Float { RationalTanh.alpha2 }
    private static var alpha3: Float { RationalTanh.alpha3 }
    private static var alpha4: Float { RationalTanh.alpha4 }
    private static var alpha5: Float { RationalTanh.alpha5 }
    private static var alpha6: Float { RationalTanh.alpha6 }
    private static var beta0: Float { RationalTanh.beta0 }
    private static var beta1: Float { RationalTanh.beta1 }
    private static var beta2: Float { RationalTanh.beta2 }
    private static var beta3: Float { RationalTanh.beta3 }

    @inline(__always)
    static func tanh(_ value: SIMD8<Float>) -> SIMD8<Float> {
        rationalTanh(clampedKeepingNaN(value))
    }

    /// Clamped half by half with the 8-lane clamp rather than a second copy of it; on x86-64 a
    /// `SIMD16` is two 8-wide registers anyway.
    @inline(__always)
    static func tanh(_ value: SIMD16<Float>) -> SIMD16<Float> {
        rationalTanh(SIMD16(lowHalf: clampedKeepingNaN(value.lowHalf), highHalf: clampedKeepingNaN(value.highHalf)))
    }

    /// The ratio of polynomials for inputs already clamped, for any vector width.
    @inline(__always)
    private static func rationalTanh<V: SIMD>(_ x: V) -> V where V.Scalar == Float {
        let x2 = x * x
        var p = V(repeating: alpha5).addingProduct(x2, V(repeating: alpha6))
        p = V(repeating: alpha4).addingProduct(x2, p)
        p = V(repeating: alpha3).addingProduct(x2, p)
        p = V(repeating: alpha2).addingProduct(x2, p)
        p = V(repeating: alpha1).addingProduct(x2, p)
        p = V(repeating: alpha0).addingProduct(x2, p)
        p = x * p
        var q = V(repeating: beta2).addingProduct(x2, V(repeating: beta3))
        q = V(repeating: beta1).addingProduct(x2, q)
        q = V(repeating: beta0).addingProduct(x2, q)
        return p / q
    }

    @inline(__always)
    static func tanh(_ value: Float) -> Float {
        let x = value > clamp ? clamp : (value < -clamp ? -clamp : value)
        let x2 = x * x
        var p = alpha5.addingProduct(x2, alpha6)
        p = alpha4.addingProduct(x2, p)
        p = alpha3.addingProduct(x2, p)
        p = alpha2.addingProduct(x2, p)
        p = alpha1.addingProduct(x2, p)
        p = alpha0.addingProduct(x2, p)
        p = x * p
        var q = beta2.addingProduct(x2, beta3)
        q = beta1.addingProduct(x2, q)
        q = beta0.addingProduct(x2, q)
        return p / q
    }

    /// `value` limited to ±clamp. Comparisons with NaN are false, so NaN lanes are kept as
    /// they are; each selection is the processor's minimum or maximum with its operands in
    /// the order that returns the second one for NaN (x86 `vminps`/`vmaxps`), two instructions
    /// where masking the bits took seven. (The standard library's vector minimum and maximum
    /// are not inlined here and return the number when a lane is NaN.)
    @inline(__always)
    private static func clampedKeepingNaN(_ value: SIMD8<Float>) -> SIMD8<Float> {
        let upper = SIMD8<Float>(repeating: clamp)
        let lower = SIMD8<Float>(repeating: -clamp)
        let belowUpper = value.replacing(with: upper, where: value .> upper)
        return belowUpper.replacing(with: lower, where: belowUpper .< lower)
    }

    @inline(__always)
    static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(repeating: 0.5).addingProduct(SIMD8(repeating: 0.5), tanh(x * 0.5))
    }

    @inline(__always)
    static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(repeating: 0.5).addingProduct(SIMD16(repeating: 0.5), tanh(x * 0.5))
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        Float(0.5).addingProduct(0.5, tanh(x * 0.5))
    }
}
