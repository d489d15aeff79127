import Foundation

/// A count of successes out of independent trials — test sequences classified, seeds that
/// solved a task — against a fixed chance (a guess among four classes: 0.25): the exact
/// binomial test, with the Clopper–Pearson interval for the rate.
///
///     let test = BinomialTest(successes: 633, trials: 1000, chance: 0.25)
///     expect(test, .better, "well above the 25% of guessing")
public struct BinomialTest: Equatable, Sendable, HypothesisTest {
    public let successes: Int
    public let trials: Int
    /// The rate under the null hypothesis.
    public let chance: Double
    public let alpha: Double
    /// Two-sided, as SciPy's `binomtest`: the probability of every count no more likely than
    /// the one observed.
    public let pValue: Double
    /// The exact (Clopper–Pearson) interval for the rate at confidence `1 − alpha`.
    public let lower: Double
    public let upper: Double

    public init(successes: Int, trials: Int, chance: Double, alpha: Double = 0.05) {
        precondition(trials > 0 && (0...trials).contains(successes), "BinomialTest: \(successes) successes of \(trials) trials")
        precondition(chance > 0 && chance < 1, "BinomialTest: chance \(chance) must be in (0, 1)")
        self.successes = successes
        self.trials = trials
        self.chance = chance
        self.alpha = alpha
        let observed = Self.logProbability(successes, trials, chance)
        // Counts whose probability is at most the observed one's (with SciPy's relative slack
        // of 1e-7, so ties computed a rounding apart are counted as ties).
        let threshold = observed + log1p(1e-7)
        var total = 0.0
        for count in 0...trials {
            let logProbability = Self.logProbability(count, trials, chance)
            if logProbability <= threshold { total += exp(logProbability) }
        }
        pValue = min(1, total)
        (lower, upper) = Self.clopperPearson(successes, trials, alpha: alpha)
    }

    /// The observed rate.
    public var proportion: Double { Double(successes) / Double(trials) }

    public var verdict: Comparison.Verdict {
        guard pValue < alpha else { return .noDetectableDifference }
        return proportion > chance ? .better : .worse
    }

    /// Whether the interval at confidence `1 − 2·alpha` lies within ±`margin` of `chance`.
    public func isEquivalent(within margin: Double) -> Bool {
        let (low, high) = Self.clopperPearson(successes, trials, alpha: 2 * alpha)
        return low > chance - margin && high < chance + margin
    }

    /// `63.3% (95% CI 60.2% to 66.3%; exact binomial test against 25.0%, p < 0.001; n = 1000)`.
    public func formatted(_ format: NumberFormat = .percent(decimals: 1)) -> String {
        let confidence = confidenceLabel(1 - alpha)
        return "\(format.string(proportion)) (\(confidence) CI \(format.string(lower)) to \(format.string(upper)); "
            + "exact binomial test against \(format.string(chance)), \(NumberFormat.pValue.string(pValue)); n = \(trials))"
    }

    public var parts: [(name: String, value: Double)] {
        [("proportion", proportion), ("lower", lower), ("upper", upper), ("p", pValue),
         ("successes", Double(successes)), ("n", Double(trials))]
    }

    static func logProbability(_ count: Int, _ trials: Int, _ rate: Double) -> Double {
        let (k, n) = (Double(count), Double(trials))
        return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(rate) + (n - k) * log1p(-rate)
    }

    /// The Clopper–Pearson interval: the rates at which the observed count sits at the α/2
    /// tail, read off the Beta distribution.
    static func clopperPearson(_ successes: Int, _ trials: Int, alpha: Double) -> (Double, Double) {
        let (k, n) = (Double(successes), Double(trials))
        let lower = successes == 0 ? 0
            : SpecialFunctions.bisect(alpha / 2, lower: 0, upper: 1) { SpecialFunctions.regularizedIncompleteBeta($0, a: k, b: n - k + 1) }
        let upper = successes == trials ? 1
            : SpecialFunctions.bisect(1 - alpha / 2, lower: 0, upper: 1) { SpecialFunctions.regularizedIncompleteBeta($0, a: k + 1, b: n - k) }
        return (lower, upper)
    }
}

/// Two success counts compared — seeds that solved a task with one setting against another —
/// by Fisher's exact test on the 2×2 table, two-sided as SciPy's `fisher_exact`.
///
///     let test = FisherExactTest(first: (6, of: 8), second: (3, of: 8))
///     record("solved.test", test)   // "6 of 8 against 3 of 8 (Fisher's exact test, p = 0.31)"
public struct FisherExactTest: Equatable, Sendable, HypothesisTest {
    public let firstSuccesses: Int
    public let firstTrials: Int
    public let secondSuccesses: Int
    public let secondTrials: Int
    public let alpha: Double
    public let pValue: Double

    public init(first: (Int, of: Int), second: (Int, of: Int), alpha: Double = 0.05) {
        precondition(first.of > 0 && second.of > 0 && (0...first.of).contains(first.0) && (0...second.of).contains(second.0),
                     "FisherExactTest: \(first.0) of \(first.of) against \(second.0) of \(second.of)")
        (firstSuccesses, firstTrials, secondSuccesses, secondTrials) = (first.0, first.of, second.0, second.of)
        self.alpha = alpha
        // With the margins fixed, the first set's successes follow a hypergeometric law.
        let successes = first.0 + second.0
        let low = max(0, successes - second.of), high = min(successes, first.of)
        func logProbability(_ a: Int) -> Double {
            Self.logChoose(first.of, a) + Self.logChoose(second.of, successes - a) - Self.logChoose(first.of + second.of, successes)
        }
        let threshold = logProbability(first.0) + log1p(1e-7)
        var total = 0.0
        for a in low...high where logProbability(a) <= threshold { total += exp(logProbability(a)) }
        pValue = min(1, total)
    }

    public var firstRate: Double { Double(firstSuccesses) / Double(firstTrials) }
    public var secondRate: Double { Double(secondSuccesses) / Double(secondTrials) }

    public var verdict: Comparison.Verdict {
        guard pValue < alpha else { return .noDetectableDifference }
        return firstRate > secondRate ? .better : .worse
    }

    /// Fisher's test has no interval for the difference of rates: never shown equivalent.
    public func isEquivalent(within margin: Double) -> Bool { false }

    /// `6 of 8 against 3 of 8 (Fisher's exact test, p = 0.32)`.
    public func formatted(_ format: NumberFormat = .automatic) -> String {
        "\(firstSuccesses) of \(firstTrials) against \(secondSuccesses) of \(secondTrials) "
            + "(Fisher's exact test, \(NumberFormat.pValue.string(pValue)))"
    }

    public var parts: [(name: String, value: Double)] {
        [("p", pValue), ("rate1", firstRate), ("rate2", secondRate)]
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
