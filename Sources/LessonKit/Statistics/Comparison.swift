import Foundation

/// Two sets of results — one configuration against another, over seeds — compared with a
/// t-test: how large the difference is, how sure the data make it, and how large a difference
/// this many runs could have found at all.
///
///     let test = Comparison(cifg, vanilla, better: .lower)            // Welch's t-test
///     let paired = Comparison(paired: withBias, withoutBias, better: .higher)
///     expect(test, .better, "CIFG reaches lower bits per character than vanilla")
///     record("cifg.vs.v", test, format: .fixed(decimals: 3))
///
/// Independent runs use Welch's test (no assumption that the two spreads are equal; degrees
/// of freedom by Welch–Satterthwaite). Runs that share seeds, so that run `i` of one set and
/// run `i` of the other start from the same data or weights, use the paired test on the
/// differences, which removes what the seed contributes to both. All p-values are two-sided
/// and exact under the test's assumption of normal errors.
public struct Comparison: Equatable, Sendable {
    /// Which direction of a difference counts as an improvement.
    public enum Goal: String, Equatable, Sendable {
        /// Larger is better (accuracy).
        case higher
        /// Smaller is better (loss, bits per character, error).
        case lower
    }

    /// How the two sets of runs relate.
    public enum Design: String, Equatable, Sendable {
        /// Separate runs: Welch's t-test.
        case independent
        /// Run `i` of each set shares its seed: Student's t-test on the differences.
        case paired
        /// One set against a fixed value (chance, a paper's number): Student's one-sample test.
        case oneSample = "one-sample"
    }

    /// What the data say about the first set against the second.
    public enum Verdict: String, Equatable, Sendable {
        case better
        case worse
        /// p at or above the significance level: the test cannot tell the two apart.
        case noDetectableDifference = "no detectable difference"
    }

    public let design: Design
    public let goal: Goal
    /// The first set of results, and the one it is compared against.
    public let first: Summary
    public let second: Summary
    /// Mean of the first minus mean of the second (paired: the mean of the differences,
    /// the same number).
    public let difference: Double
    /// The standard error of `difference`.
    public let standardError: Double
    public let degreesOfFreedom: Double
    /// `difference / standardError`.
    public let t: Double
    /// Two-sided: the probability of a |t| at least this large if there were no difference.
    public let pValue: Double
    /// The significance level (the interval is at confidence 1 − alpha).
    public let alpha: Double
    /// The confidence interval for the difference at confidence `1 − alpha`.
    public let lower: Double
    public let upper: Double
    /// The standardised difference: Cohen's d over the mean of the two variances for
    /// independent runs (the form that goes with Welch's test), d_z (the mean difference over
    /// the spread of the differences) for paired runs, the difference over the runs' spread
    /// for one sample.
    public let effectSize: Double
    /// The power at which `detectableDifference` is computed.
    public let power: Double
    /// The smallest true difference (in the data's units) this design detects with
    /// probability `power` at level `alpha`, given the spread observed: a "no detectable
    /// difference" means nothing about differences smaller than this.
    public let detectableDifference: Double

    /// Welch's test of independent runs `first` against `second` (at least two of each).
    public init<Value: BinaryFloatingPoint>(
        _ first: [Value], _ second: [Value], better goal: Goal, alpha: Double = 0.05, power: Double = 0.8
    ) {
        precondition(first.count >= 2 && second.count >= 2,
                     "Comparison: each set needs at least two runs to estimate its spread (got \(first.count) and \(second.count))")
        let a = Summary(first), b = Summary(second)
        let (n1, n2) = (Double(a.count), Double(b.count))
        let (v1, v2) = (a.standardDeviation * a.standardDeviation / n1, b.standardDeviation * b.standardDeviation / n2)
        let variance = v1 + v2
        // Welch–Satterthwaite; with no spread at all the formula is 0/0 and the pooled
        // degrees of freedom stand in (the test is then decided by the difference alone).
        let df = variance > 0 ? variance * variance / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1)) : n1 + n2 - 2
        let averageVariance = (a.standardDeviation * a.standardDeviation + b.standardDeviation * b.standardDeviation) / 2
        self.init(design: .independent, goal: goal, first: a, second: b, difference: a.mean - b.mean,
                  standardError: variance.squareRoot(), degreesOfFreedom: df,
                  spreadForEffect: averageVariance.squareRoot(), alpha: alpha, power: power)
    }

    /// The paired test of `first[i]` against `second[i]`, runs that share seed `i`.
    public init<Value: BinaryFloatingPoint>(
        paired first: [Value], _ second: [Value], better goal: Goal, alpha: Double = 0.05, power: Double = 0.8
    ) {
        precondition(first.count == second.count, "Comparison(paired:): \(first.count) runs against \(second.count); pairs need equal counts")
        precondition(first.count >= 2, "Comparison(paired:): needs at least two pairs (got \(first.count))")
        let differences = Summary(zip(first, second).map { Double($0) - Double($1) })
        let n = Double(differences.count)
        self.init(design: .paired, goal: goal, first: Summary(first), second: Summary(second),
                  difference: differences.mean, standardError: differences.standardDeviation / n.squareRoot(),
                  degreesOfFreedom: n - 1, spreadForEffect: differences.standardDeviation, alpha: alpha, power: power)
    }

    /// Student's one-sample test of `values` (at least two) against the fixed `reference`: is
    /// their mean above or below it? `second` is then the reference alone.
    public init<Value: BinaryFloatingPoint>(
        _ values: [Value], against reference: Double, better goal: Goal, alpha: Double = 0.05, power: Double = 0.8
    ) {
        precondition(values.count >= 2, "Comparison(_:against:): needs at least two runs (got \(values.count))")
        let runs = Summary(values)
        let n = Double(runs.count)
        self.init(design: .oneSample, goal: goal, first: runs, second: Summary([reference]),
                  difference: runs.mean - reference, standardError: runs.standardDeviation / n.squareRoot(),
                  degreesOfFreedom: n - 1, spreadForEffect: runs.standardDeviation, alpha: alpha, power: power)
    }

    private init(
        design: Design, goal: Goal, first: Summary, second: Summary, difference: Double, standardError: Double,
        degreesOfFreedom: Double, spreadForEffect: Double, alpha: Double, power: Double
    ) {
        precondition(alpha > 0 && alpha < 1, "Comparison: alpha \(alpha) must be in (0, 1)")
        precondition(power > alpha / 2 && power < 1, "Comparison: power \(power) must be in (α/2, 1)")
        self.design = design
        self.goal = goal
        self.first = first
        self.second = second
        self.difference = difference
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.alpha = alpha
        self.power = power
        let distribution = StudentT(degreesOfFreedom: degreesOfFreedom)
        if standardError > 0 {
            t = difference / standardError
            pValue = distribution.twoSidedP(t)
        } else {
            // Every run gave the same difference: nothing to test against.
            t = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
            pValue = difference == 0 ? 1 : 0
        }
        let halfWidth = distribution.quantile(1 - alpha / 2) * standardError
        lower = difference - halfWidth
        upper = difference + halfWidth
        effectSize = spreadForEffect > 0 ? difference / spreadForEffect : (difference == 0 ? 0 : .infinity * difference.sign.multiplier)
        detectableDifference = distribution.detectableNoncentrality(alpha: alpha, power: power) * standardError
    }

    /// `better` or `worse` when p < alpha (by the sign of the difference and the goal),
    /// otherwise `noDetectableDifference`.
    public var verdict: Verdict {
        guard pValue < alpha else { return .noDetectableDifference }
        return (difference > 0) == (goal == .higher) ? .better : .worse
    }

    /// Whether the whole confidence interval at confidence `1 − 2·alpha` lies within
    /// ±`margin`: the two one-sided tests (TOST) that show the two are equivalent to within
    /// `margin`, a claim that "no detectable difference" alone cannot make.
    public func isEquivalent(within margin: Double) -> Bool {
        let halfWidth = StudentT(degreesOfFreedom: degreesOfFreedom).quantile(1 - alpha) * standardError
        return difference - halfWidth > -margin && difference + halfWidth < margin
    }

    /// The runs in each set, as "n = 5 and 5", "n = 5 pairs" or (one sample) "n = 5".
    public var sampleSizes: String {
        switch design {
        case .independent: "n = \(first.count) and \(second.count)"
        case .paired: "n = \(first.count) pairs"
        case .oneSample: "n = \(first.count)"
        }
    }

    /// The comparison in one line for prose and tables, for example
    /// `−0.057 (95% CI −0.081 to −0.033; Welch's t = −5.50, df = 2.9, p = 0.013; n = 3 and 3)`.
    public func formatted(_ format: NumberFormat = .significant(digits: 3)) -> String {
        let confidence = confidenceLabel(1 - alpha)
        let test = switch design {
        case .independent: "Welch's t"
        case .paired: "paired t"
        case .oneSample: "t against \(format.string(second.mean))"
        }
        return "\(format.string(difference)) (\(confidence) CI \(format.string(lower)) to \(format.string(upper)); "
            + "\(test) = \(NumberFormat.fixed(decimals: 2).string(t)), df = \(Self.degrees(degreesOfFreedom)), "
            + "\(NumberFormat.pValue.string(pValue)); \(sampleSizes))"
    }

    /// Degrees of freedom as a reader expects them: whole for the paired test, one decimal
    /// for Welch's.
    static func degrees(_ value: Double) -> String {
        value == value.rounded() ? NumberFormat.integer(grouped: false).string(value) : NumberFormat.fixed(decimals: 1).string(value)
    }
}

private extension FloatingPointSign {
    var multiplier: Double { self == .minus ? -1 : 1 }
}
