/// What a lesson claims about a test's result (`Comparison`, `BinomialTest`, `FisherExactTest`).
public enum ComparisonClaim: Equatable, Sendable {
    /// The first set is better (by the comparison's goal), at p below its level.
    case better
    /// The first set is worse, at p below its level.
    case worse
    /// p at or above the level. Say in the prose how large a difference the design could
    /// have detected (`detectableDifference`): this claim is weak when that is large.
    case noDetectableDifference
    /// The two are equivalent to within ±`margin` (two one-sided tests at the comparison's
    /// level): a positive claim of "no meaningful difference", which needs enough runs.
    case equivalent(within: Double)

    var words: String {
        switch self {
        case .better: "better"
        case .worse: "worse"
        case .noDetectableDifference: "no detectable difference"
        case .equivalent(let margin): "equivalent within ±\(NumberFormat.significant(digits: 3).string(margin))"
        }
    }
}

extension ComparisonClaim {
    /// Whether `comparison` supports the claim, and if not, what it shows instead.
    func check(_ comparison: some HypothesisTest) -> (holds: Bool, detail: String?) {
        let holds: Bool
        switch self {
        case .better: holds = comparison.verdict == .better
        case .worse: holds = comparison.verdict == .worse
        case .noDetectableDifference: holds = comparison.verdict == .noDetectableDifference
        case .equivalent(let margin): holds = comparison.isEquivalent(within: margin)
        }
        guard !holds else { return (true, nil) }
        let found: String
        if case .equivalent = self {
            let confidence = NumberFormat.percent(decimals: 0).string(1 - 2 * comparison.alpha)
            found = "its \(confidence) interval reaches beyond the margin"
        } else {
            found = "the data say \(comparison.verdict.rawValue)"
        }
        return (false, "claimed \(words), but \(found): \(comparison.formatted(.significant(digits: 3)))")
    }
}

/// States what the prose says about two sets of runs; the build fails, naming this line, when
/// the test does not support it, and the message gives the difference, its interval, the
/// p-value and the runs.
///
///     expect(Comparison(cifg, vanilla, better: .lower), .better, "CIFG beats vanilla on text")
///     expect(BinomialTest(successes: 633, trials: 1000, chance: 0.25), .better, "well above chance")
public func expect(
    _ comparison: some HypothesisTest, _ claimed: ComparisonClaim, _ claim: String,
    file: StaticString = #file, line: UInt = #line
) {
    let (holds, detail) = claimed.check(comparison)
    ExperimentSession.claim(claim, holds: holds, detail: detail, file: "\(file)", line: Int(line))
}
