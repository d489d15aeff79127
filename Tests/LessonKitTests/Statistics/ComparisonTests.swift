import Testing
@testable import LessonKit

@Suite struct ComparisonTests {
    /// CIFG against vanilla in lesson 9's character model (bits per character, lower is better).
    static let clear = Comparison([2.869, 2.861, 2.877], [2.926, 2.910, 2.942], better: .lower)

    @Test func verdictFollowsTheGoal() {
        #expect(Self.clear.verdict == .better)
        #expect(Comparison([2.869, 2.861, 2.877], [2.926, 2.910, 2.942], better: .higher).verdict == .worse)
        #expect(Comparison([1.0, 2, 3, 4], [1.5, 2.5, 3.5, 2.5], better: .higher).verdict == .noDetectableDifference)
    }

    @Test func claimsHoldOnlyWhenTheTestSupportsThem() {
        #expect(ComparisonClaim.better.check(Self.clear).holds)
        let (holds, detail) = ComparisonClaim.noDetectableDifference.check(Self.clear)
        #expect(!holds)
        #expect(detail == "claimed no detectable difference, but the data say better: "
            + "-0.057 (95% CI -0.0902 to -0.0238; Welch's t = -5.52, df = 2.9, p = 0.012; n = 3 and 3)")
        #expect(!ComparisonClaim.worse.check(Self.clear).holds)
    }

    @Test func equivalenceNeedsTheWholeIntervalInsideTheMargin() {
        // Two close sets with a small spread: the 90% interval of the difference is about ±0.01.
        let close = Comparison(paired: [1.00, 1.01, 0.99, 1.00, 1.02, 0.98], [1.00, 1.00, 1.00, 1.01, 1.01, 0.99], better: .lower)
        #expect(close.isEquivalent(within: 0.05))
        #expect(!close.isEquivalent(within: 0.001))
        #expect(ComparisonClaim.equivalent(within: 0.05).check(close).holds)
        #expect(ComparisonClaim.equivalent(within: 0.001).check(close).detail?.contains("90% interval reaches beyond the margin") == true)
        // Not detecting a difference is not showing there is none.
        let vague = Comparison([0.2, 0.9], [0.5, 0.6], better: .higher)
        #expect(vague.verdict == .noDetectableDifference && !vague.isEquivalent(within: 0.1))
    }

    @Test func identicalRunsHaveNoSpreadToTest() {
        let same = Comparison([1.0, 1, 1], [1.0, 1, 1], better: .higher)
        #expect(same.pValue == 1 && same.verdict == .noDetectableDifference && same.detectableDifference == 0)
        let apart = Comparison([1.0, 1, 1], [0.5, 0.5, 0.5], better: .higher)
        #expect(apart.pValue == 0 && apart.verdict == .better && apart.lower == 0.5 && apart.upper == 0.5)
    }

    @Test func formattedLineAndPValues() {
        let paired = Comparison(paired: [0.70, 0.74, 0.69], [0.65, 0.71, 0.60], better: .higher)
        #expect(paired.formatted(.fixed(decimals: 3)) == ("0.057 (95% CI -0.019 to 0.133; paired t = 3.21, df = 2, p = 0.085; n = 3 pairs)"))
        #expect(NumberFormat(specification: "p") == .pValue)
        #expect(NumberFormat.pValue.string(0.0123) == "p = 0.012")
        #expect(NumberFormat.pValue.string(0.43) == "p = 0.43")
        #expect(NumberFormat.pValue.string(0.0004) == "p < 0.001")
        #expect(NumberFormat.pValue.string(1) == "p = 1")
    }
}

@Suite struct CountTests {
    @Test func binomialVerdictAndLine() {
        let test = BinomialTest(successes: 633, trials: 1000, chance: 0.25)
        #expect(test.verdict == .better)
        #expect(test.formatted() == "63.3% (95% CI 60.2% to 66.3%; exact binomial test against 25.0%, p < 0.001; n = 1000)")
        #expect(BinomialTest(successes: 520, trials: 1000, chance: 0.5).verdict == .noDetectableDifference)
        #expect(BinomialTest(successes: 500, trials: 1000, chance: 0.5).isEquivalent(within: 0.05))
        #expect(!BinomialTest(successes: 5, trials: 10, chance: 0.5).isEquivalent(within: 0.05))
    }

    @Test func fisherVerdictAndLine() {
        let test = FisherExactTest(first: (6, of: 8), second: (3, of: 8))
        #expect(test.verdict == .noDetectableDifference)
        #expect(test.formatted() == "6 of 8 against 3 of 8 (Fisher's exact test, p = 0.31)")
        #expect(FisherExactTest(first: (0, of: 10), second: (10, of: 10)).verdict == .worse)
    }

    @Test func oneSampleAgainstChance() {
        let test = Comparison([0.52, 0.54, 0.51, 0.53, 0.55], against: 0.5, better: .higher)
        #expect(test.design == .oneSample && test.verdict == .better)
        #expect(test.formatted(.fixed(decimals: 3)).contains("; t against 0.500 = "))
        #expect(test.formatted(.fixed(decimals: 3)).hasSuffix("; n = 5)"))
    }
}

@Suite struct SignTestTests {
    @Test func continuousPairsCountWinsAndTies() {
        let test = SignTest(paired: [2.9, 2.8, 2.7, 3.0], [3.1, 2.9, 2.7, 2.95], better: .lower)
        #expect((test.firstWins, test.secondWins, test.ties) == (2, 1, 1))
        #expect(test.verdict == .noDetectableDifference)
        #expect(test.formatted() == "first better in 2 of 4 pairs, second in 1 (sign test, p = 1; 1 tie)")
    }

    @Test func mcNemarUsesOnlyDiscordantPairs() {
        // Both solved on 10 seeds, neither on 4: only the 6 where one side alone solved count.
        let first = Array(repeating: true, count: 16) + Array(repeating: false, count: 4)
        let second = Array(repeating: true, count: 10) + Array(repeating: false, count: 10)
        let test = SignTest(paired: first, second)
        #expect((test.firstWins, test.secondWins, test.ties) == (6, 0, 14))
        #expect(abs(test.pValue - 0.03125) < 1e-12)
        #expect(test.verdict == .better)
        #expect(test.formatted() == "solved by the first only in 6 of 20 pairs, by the second only in 0 (McNemar's exact test, p = 0.031)")
    }

    @Test func allTiesIsNoEvidence() {
        let test = SignTest(paired: [1.0, 1.0], [1.0, 1.0], better: .higher)
        #expect(test.pValue == 1 && test.verdict == .noDetectableDifference)
    }
}
