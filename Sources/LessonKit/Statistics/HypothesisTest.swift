/// What every test in LessonKit offers a lesson: a p-value, a verdict in the direction of an
/// improvement, a line for the prose, and the numbers behind it for `record`. `expect` and
/// `record` take any of them: `Comparison` (t-tests), `SignTest` (paired wins; McNemar's
/// test for paired successes), `BinomialTest` (a rate against a fixed chance) and
/// `FisherExactTest` (two independent success counts).
///
/// Several tests on one page: each has a chance `alpha` of a false "better". When a lesson
/// runs k tests for one question, pass `alpha: 0.05 / k` (Bonferroni) to each, or say in the
/// prose how many were run.
public protocol HypothesisTest: Sendable {
    /// Two-sided.
    var pValue: Double { get }
    /// The significance level; intervals are at confidence `1 − alpha`.
    var alpha: Double { get }
    /// `better` or `worse` when p < alpha, otherwise `noDetectableDifference`.
    var verdict: Comparison.Verdict { get }
    /// Whether the data show the difference to lie within ±`margin` (two one-sided tests at
    /// `alpha`); `false` where the test has no such interval.
    func isEquivalent(within margin: Double) -> Bool
    /// The result in one line for prose and tables, with its interval, p-value and n.
    func formatted(_ format: NumberFormat) -> String
    /// The numbers `record` stores beside the line, as `name.PART`.
    var parts: [(name: String, value: Double)] { get }
}

extension Comparison: HypothesisTest {
    public var parts: [(name: String, value: Double)] {
        [("difference", difference), ("lower", lower), ("upper", upper), ("p", pValue), ("t", t),
         ("df", degreesOfFreedom), ("effect", effectSize), ("detectable", detectableDifference),
         ("n1", Double(first.count)), ("n2", Double(second.count))]
    }
}

/// A confidence level as a reader expects it: "95%", and "98.3%" for a Bonferroni-corrected
/// 1 − 0.05/3 (rounding that to "98%" would state a different interval).
func confidenceLabel(_ level: Double) -> String {
    let percent = level * 100
    let decimals = abs(percent - percent.rounded()) < 1e-9 ? 0 : abs(percent * 10 - (percent * 10).rounded()) < 1e-9 ? 1 : 2
    return NumberFormat.percent(decimals: decimals).string(level)
}
