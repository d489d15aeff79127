import Foundation

/// The regularised incomplete beta function and the few special functions built on it: the
/// ground under every p-value and interval in `Comparison`.
enum SpecialFunctions {
    /// `I_x(a, b)`: the probability that a Beta(a, b) variable is at most `x`.
    ///
    /// Evaluated with the continued fraction of Numerical Recipes (§6.4) by the modified Lentz
    /// method, on whichever side of the distribution's mean the fraction converges fast
    /// (`I_x(a, b) = 1 − I_{1−x}(b, a)`), so both tails keep their relative precision: a
    /// p-value of 1e-12 is computed as itself, never as 1 minus something.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta: parameters \(a), \(b) must be positive")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) {
            return 1 - regularizedIncompleteBeta(1 - x, a: b, b: a)
        }
        // x^a (1 − x)^b / (a · B(a, b)), in logarithms so large parameters do not overflow.
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        return exp(logFront) * continuedFraction(x, a: a, b: b) / a
    }

    /// The continued fraction for `I_x(a, b)`, valid (fast) for `x < (a + 1) / (a + b + 2)`.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            // The even step of the fraction, then the odd one.
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < epsilon { break }
        }
        return result
    }

    /// The standard normal distribution function Φ(z), accurate in both tails.
    static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The value found by bisection where the increasing function `f` crosses `target`,
    /// between `lower` and `upper` (which must bracket it), to the last bit a `Double` holds.
    static func bisect(_ target: Double, lower: Double, upper: Double, _ f: (Double) -> Double) -> Double {
        var (low, high) = (lower, upper)
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if f(middle) < target { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }
}
