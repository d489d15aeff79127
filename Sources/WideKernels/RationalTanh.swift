/// The rational approximation of tanh that every kernel of the engine uses (Eigen's for
/// `float`): an odd polynomial of degree 13 over an even one of degree 6, on inputs clamped to
/// ±`clamp`, beyond which tanh rounds to ±1 in single precision.
///
/// The coefficients live here, once, for the 16-wide (two 8-wide halves), 8-wide and scalar
/// versions in `Recurrent`'s `FastMath` and the AVX-512 one below; all perform the same
/// operations in the same order in each lane, so a value gets the same bits whichever computes
/// it.
public enum RationalTanh {
    // Literals rather than arrays: the hot loops must not pay for array access.
    @inlinable public static var clamp: Float { 7.99881172180175781 }
    @inlinable public static var alpha0: Float { 4.89352455891786e-03 }
    @inlinable public static var alpha1: Float { 6.37261928875436e-04 }
    @inlinable public static var alpha2: Float { 1.48572235717979e-05 }
    @inlinable public static var alpha3: Float { 5.12229709037114e-08 }
    @inlinable public static var alpha4: Float { -8.60467152213735e-11 }
    @inlinable public static var alpha5: Float { 2.00018790482477e-13 }
    @inlinable public static var alpha6: Float { -2.76076847742355e-16 }
    @inlinable public static var beta0: Float { 4.89352518554385e-03 }
    @inlinable public static var beta1: Float { 2.26843463243900e-03 }
    @inlinable public static var beta2: Float { 1.18534705686654e-04 }
    @inlinable public static var beta3: Float { 1.19825839466702e-06 }

    /// tanh of sixteen lanes; NaN stays NaN.
    @inline(__always)
    static func tanh(_ value: SIMD16<Float>) -> SIMD16<Float> {
        let x = clampedKeepingNaN(value)
        let x2 = x * x
        var p = SIMD16<Float>(repeating: alpha5).addingProduct(x2, SIMD16(repeating: alpha6))
        p = SIMD16(repeating: alpha4).addingProduct(x2, p)
        p = SIMD16(repeating: alpha3).addingProduct(x2, p)
        p = SIMD16(repeating: alpha2).addingProduct(x2, p)
        p = SIMD16(repeating: alpha1).addingProduct(x2, p)
        p = SIMD16(repeating: alpha0).addingProduct(x2, p)
        p = x * p
        var q = SIMD16<Float>(repeating: beta2).addingProduct(x2, SIMD16(repeating: beta3))
        q = SIMD16(repeating: beta1).addingProduct(x2, q)
        q = SIMD16(repeating: beta0).addingProduct(x2, q)
        return p / q
    }

    /// `σ(x) = ½ tanh(x/2) + ½`.
    @inline(__always)
    static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(repeating: 0.5).addingProduct(SIMD16(repeating: 0.5), tanh(x * 0.5))
    }

    /// `value` limited to ±clamp by selection; comparisons with NaN are false, so NaN lanes
    /// are kept as they are.
    @inline(__always)
    private static func clampedKeepingNaN(_ value: SIMD16<Float>) -> SIMD16<Float> {
        let upper = SIMD16<Float>(repeating: clamp)
        let lower = SIMD16<Float>(repeating: -clamp)
        let over = unsafeBitCast(value .> upper, to: SIMD16<UInt32>.self)
        let under = unsafeBitCast(value .< lower, to: SIMD16<UInt32>.self)
        let bits = unsafeBitCast(value, to: SIMD16<UInt32>.self)
        let kept = bits & ~(over | under)
        let clamped = kept | (unsafeBitCast(upper, to: SIMD16<UInt32>.self) & over)
            | (unsafeBitCast(lower, to: SIMD16<UInt32>.self) & under)
        return unsafeBitCast(clamped, to: SIMD16<Float>.self)
    }
}
