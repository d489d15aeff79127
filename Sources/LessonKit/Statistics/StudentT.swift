import Foundation

/// Student's t distribution with `degreesOfFreedom` (any positive real number: Welch's test
/// gives fractional ones), and its noncentral form for the power of a test.
public struct StudentT: Equatable, Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "StudentT: degrees of freedom \(degreesOfFreedom) must be positive and finite")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t), the upper tail, computed directly so that small tails keep their precision.
    public func upperTail(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == .infinity { return 0 }
        if t == -.infinity { return 1 }
        let nu = degreesOfFreedom
        // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
        let beyond = SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? beyond / 2 : 1 - beyond / 2
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        t.isNaN ? .nan : upperTail(-t)
    }

    /// P(|T| ≥ |t|): the two-sided p-value of an observed statistic `t`.
    public func twoSidedP(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        let nu = degreesOfFreedom
        return SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// The `probability` quantile: the t with P(T ≤ t) = probability, for 0 < probability < 1.
    public func quantile(_ probability: Double) -> Double {
        precondition(probability > 0 && probability < 1, "StudentT.quantile: probability \(probability) must be in (0, 1)")
        if probability == 0.5 { return 0 }
        if probability < 0.5 { return -quantile(1 - probability) }
        // Search on the upper tail, which is small here and so known to full relative precision.
        let tail = 1 - probability
        var upper = 2.0
        while upperTail(upper) > tail { upper *= 2 }
        return SpecialFunctions.bisect(-tail, lower: 0, upper: upper) { -upperTail($0) }
    }

    /// P(T' ≤ t) for the noncentral t distribution with this many degrees of freedom and
    /// noncentrality `noncentrality`: the distribution of the t statistic when the true
    /// difference is `noncentrality` standard errors.
    ///
    /// For t ≥ 0 it is the series of Lenth (1989, Applied Statistics algorithm 243):
    /// Φ(−δ) + ½ Σⱼ [pⱼ I_x(j + ½, ν/2) + qⱼ I_x(j + 1, ν/2)] with x = t²/(t² + ν), pⱼ the
    /// Poisson(δ²/2) weights and qⱼ = δ e^{−δ²/2} (δ²/2)^j / (√2 Γ(j + 3/2)); for t < 0,
    /// P(T' ≤ t; δ) = 1 − P(T' ≤ −t; −δ). Terms are summed from j = 0 until past the Poisson
    /// weights' mode and negligible.
    public func noncentralCDF(_ t: Double, noncentrality delta: Double) -> Double {
        if t < 0 { return 1 - noncentralCDF(-t, noncentrality: -delta) }
        let nu = degreesOfFreedom
        let base = SpecialFunctions.normalCDF(-delta)
        if t == 0 { return base }
        let x = t * t / (t * t + nu)
        let lambda = delta * delta / 2
        let logLambda = lambda > 0 ? log(lambda) : -Double.infinity
        var sum = 0.0
        for j in 0..<100_000 {
            let jj = Double(j)
            let logPoisson = j == 0 ? -lambda : -lambda + jj * logLambda - lgamma(jj + 1)
            let p = exp(logPoisson)
            let q = delta == 0 ? 0
                : (delta < 0 ? -1.0 : 1.0) * exp(log(abs(delta)) - lambda + (j == 0 ? 0 : jj * logLambda) - lgamma(jj + 1.5) - 0.5 * log(2.0))
            let term = p * SpecialFunctions.regularizedIncompleteBeta(x, a: jj + 0.5, b: nu / 2)
                + q * SpecialFunctions.regularizedIncompleteBeta(x, a: jj + 1, b: nu / 2)
            sum += term
            // Past the mode the weights fall geometrically; stop when they no longer count.
            if jj > lambda && p + abs(q) < 1e-17 * max(abs(sum), 1e-300) { break }
            if jj > lambda && p + abs(q) < 1e-300 { break }
        }
        return min(1, max(0, base + sum / 2))
    }

    /// The probability that a two-sided test at significance level `alpha` rejects when the
    /// true difference is `noncentrality` standard errors.
    public func power(noncentrality delta: Double, alpha: Double) -> Double {
        let critical = quantile(1 - alpha / 2)
        return (1 - noncentralCDF(critical, noncentrality: delta)) + noncentralCDF(-critical, noncentrality: delta)
    }

    /// The smallest true difference, in standard errors, that a two-sided test at `alpha`
    /// detects with probability `power`.
    public func detectableNoncentrality(alpha: Double, power target: Double) -> Double {
        precondition(target > alpha / 2 && target < 1, "StudentT: power \(target) must be between α/2 and 1")
        var upper = 4.0
        while power(noncentrality: upper, alpha: alpha) < target { upper *= 2 }
        return SpecialFunctions.bisect(target, lower: 0, upper: upper) { power(noncentrality: $0, alpha: alpha) }
    }
}
