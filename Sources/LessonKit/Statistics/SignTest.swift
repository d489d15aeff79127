import Foundation

/// Paired runs compared by who wins each pair, with no assumption about how the differences
/// are distributed: the exact sign test. Pair `i` is two runs that share seed `i` (or one test
/// sequence scored by two models); ties are set aside, and under the null hypothesis each
/// remaining pair is won by either side with probability ½, so the count of wins is tested
/// with the exact binomial test against 0.5.
///
/// Two uses, one test:
/// - **continuous results** (losses, accuracies) of runs that share seeds:
///   `SignTest(paired: clipped, unclipped, better: .lower)`;
/// - **success or failure** of each pair (a seed solved the task or not, a sequence was
///   classified right or not): `SignTest(paired: solvedWithBias, solvedWithout)`, which is
///   McNemar's exact test — only the discordant pairs (one side solved, the other did not)
///   carry information. Use it, not Fisher's test, whenever the two sets share seeds or inputs.
///
///     let test = SignTest(paired: withBias, withoutBias, better: .lower)
///     expect(test, .better, "the bias helps on most seeds")
///     record("bias.sign", test)  // "first better in 7 of 8 pairs (sign test, p = 0.070)"
public struct SignTest: Equatable, Sendable, HypothesisTest {
    /// What was paired: how `formatted` names the test and the pairs.
    public enum Kind: String, Equatable, Sendable {
        /// Continuous results; a pair is won by the better value.
        case sign = "sign test"
        /// Successes; a pair counts only when exactly one side succeeded.
        case mcNemar = "McNemar's exact test"
    }

    public let kind: Kind
    /// Pairs the first side won (for `mcNemar`: solved by the first side only).
    public let firstWins: Int
    /// Pairs the second side won (for `mcNemar`: solved by the second side only).
    public let secondWins: Int
    /// Pairs that neither side won: equal values, or (for `mcNemar`) both or neither solved.
    public let ties: Int
    public let alpha: Double
    /// For `mcNemar`, what success means, in the line `formatted` writes ("solved",
    /// "left the plateau").
    public let outcome: String
    /// Two-sided: the exact binomial test of `firstWins` of `firstWins + secondWins` against ½;
    /// 1 when every pair is a tie.
    public let pValue: Double

    /// From counted pairs.
    public init(kind: Kind = .sign, firstWins: Int, secondWins: Int, ties: Int = 0, alpha: Double = 0.05, outcome: String = "solved") {
        precondition(firstWins >= 0 && secondWins >= 0 && ties >= 0,
                     "SignTest: counts must not be negative (\(firstWins), \(secondWins), \(ties))")
        (self.kind, self.firstWins, self.secondWins, self.ties, self.alpha) = (kind, firstWins, secondWins, ties, alpha)
        self.outcome = outcome
        let decided = firstWins + secondWins
        pValue = decided == 0 ? 1 : BinomialTest(successes: firstWins, trials: decided, chance: 0.5, alpha: alpha).pValue
    }

    /// The sign test of `first[i]` against `second[i]`; equal values are ties.
    public init<Value: BinaryFloatingPoint>(paired first: [Value], _ second: [Value], better goal: Comparison.Goal, alpha: Double = 0.05) {
        precondition(first.count == second.count, "SignTest(paired:): \(first.count) runs against \(second.count); pairs need equal counts")
        precondition(!first.isEmpty, "SignTest(paired:): needs at least one pair")
        precondition(!(first + second).contains { !$0.isFinite }, "SignTest(paired:): a value is not finite")
        var (wins, losses, ties) = (0, 0, 0)
        for (a, b) in zip(first, second) {
            if a == b { ties += 1 } else if (a > b) == (goal == .higher) { wins += 1 } else { losses += 1 }
        }
        self.init(kind: .sign, firstWins: wins, secondWins: losses, ties: ties, alpha: alpha)
    }

    /// McNemar's exact test of paired successes: `first[i]` and `second[i]` say whether each
    /// side succeeded on pair `i`; `outcome` names success in the line (`"left the plateau"`).
    public init(paired first: [Bool], _ second: [Bool], alpha: Double = 0.05, outcome: String = "solved") {
        precondition(first.count == second.count, "SignTest(paired:): \(first.count) outcomes against \(second.count); pairs need equal counts")
        precondition(!first.isEmpty, "SignTest(paired:): needs at least one pair")
        let firstOnly = zip(first, second).filter { $0 && !$1 }.count
        let secondOnly = zip(first, second).filter { !$0 && $1 }.count
        self.init(kind: .mcNemar, firstWins: firstOnly, secondWins: secondOnly,
                  ties: first.count - firstOnly - secondOnly, alpha: alpha, outcome: outcome)
    }

    public var pairs: Int { firstWins + secondWins + ties }

    public var verdict: Comparison.Verdict {
        guard pValue < alpha else { return .noDetectableDifference }
        return firstWins > secondWins ? .better : .worse
    }

    /// The sign test has no interval for a difference: never shown equivalent.
    public func isEquivalent(within margin: Double) -> Bool { false }

    /// `first better in 7 of 8 pairs, second in 1 (sign test, p = 0.070)`, or for successes
    /// `solved by the first only in 6 of 20 pairs, by the second only in 0 (McNemar's exact test, p = 0.031)`.
    /// The format is unused: every number here is a count or a p-value.
    public func formatted(_ format: NumberFormat = .automatic) -> String {
        let tail = ties > 0 && kind == .sign ? "; \(ties) \(ties == 1 ? "tie" : "ties")" : ""
        let counts = switch kind {
        case .sign: "first better in \(firstWins) of \(pairs) pairs, second in \(secondWins)"
        case .mcNemar: "\(outcome) by the first only in \(firstWins) of \(pairs) pairs, by the second only in \(secondWins)"
        }
        return "\(counts) (\(kind.rawValue), \(NumberFormat.pValue.string(pValue))\(tail))"
    }

    public var parts: [(name: String, value: Double)] {
        [("p", pValue), ("wins1", Double(firstWins)), ("wins2", Double(secondWins)), ("ties", Double(ties)), ("n", Double(pairs))]
    }
}
