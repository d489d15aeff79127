import Foundation
import Testing
@testable import LessonKit

/// The statistics against SciPy's values in `Fixtures/statistics.json`, written by
/// `Scripts/make_statistics_fixtures.py`.
@Suite struct StatisticsFixtureTests {
    struct Fixture: Decodable {
        struct Distribution: Decodable { let df, t, cdf, sf: Double; let two_sided_p: Double }
        struct Quantile: Decodable { let df, p, quantile: Double }
        struct Noncentral: Decodable { let df, noncentrality, t, cdf: Double }
        struct Detectable: Decodable { let df, alpha, power, noncentrality: Double }
        struct Comparison: Decodable {
            let name, design: String
            let alpha: Double
            let first, second: [Double]
            let difference, standard_error, df, t, p, lower, upper, effect_size, detectable: Double
        }
        struct Binomial: Decodable { let successes, trials: Int; let chance, alpha, p, lower, upper: Double }
        struct Fisher: Decodable { let first, first_trials, second, second_trials: Int; let p: Double }
        struct Sign: Decodable { let first, second: [Double]; let goal: String; let wins, losses: Int; let p: Double }
        let distribution: [Distribution]
        let quantiles: [Quantile]
        let noncentral: [Noncentral]
        let detectable: [Detectable]
        let comparisons: [Comparison]
        let binomial: [Binomial]
        let fisher: [Fisher]
        let sign: [Sign]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statistics.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    /// `actual` agrees with `expected` to a relative 1e-6 (absolute 1e-12 near zero).
    func close(_ actual: Double, _ expected: Double, relative: Double = 1e-6, absolute: Double = 1e-12) -> Bool {
        abs(actual - expected) <= max(absolute, relative * abs(expected))
    }

    @Test func studentTTails() {
        #expect(Self.fixture.distribution.count == 90)
        for c in Self.fixture.distribution {
            let t = StudentT(degreesOfFreedom: c.df)
            #expect(close(t.cdf(c.t), c.cdf), "cdf(\(c.t)) df \(c.df): \(t.cdf(c.t)) vs \(c.cdf)")
            #expect(close(t.upperTail(c.t), c.sf), "sf(\(c.t)) df \(c.df): \(t.upperTail(c.t)) vs \(c.sf)")
            #expect(close(t.twoSidedP(c.t), c.two_sided_p), "p(\(c.t)) df \(c.df): \(t.twoSidedP(c.t)) vs \(c.two_sided_p)")
        }
    }

    @Test func studentTQuantiles() {
        for c in Self.fixture.quantiles {
            let q = StudentT(degreesOfFreedom: c.df).quantile(c.p)
            #expect(close(q, c.quantile), "quantile \(c.p) df \(c.df): \(q) vs \(c.quantile)")
        }
    }

    @Test func noncentralT() {
        for c in Self.fixture.noncentral {
            let value = StudentT(degreesOfFreedom: c.df).noncentralCDF(c.t, noncentrality: c.noncentrality)
            // The series is summed in absolute terms: what the power needs.
            #expect(close(value, c.cdf, absolute: 1e-9),
                    "nct cdf(\(c.t)) df \(c.df) δ \(c.noncentrality): \(value) vs \(c.cdf)")
        }
    }

    @Test func detectableNoncentrality() {
        for c in Self.fixture.detectable {
            let value = StudentT(degreesOfFreedom: c.df).detectableNoncentrality(alpha: c.alpha, power: c.power)
            #expect(close(value, c.noncentrality), "df \(c.df) α \(c.alpha) power \(c.power): \(value) vs \(c.noncentrality)")
        }
    }

    @Test func welchAndPairedTests() {
        #expect(Self.fixture.comparisons.contains { $0.design == "paired" && $0.df == 1 })
        #expect(Self.fixture.comparisons.contains { $0.design == "independent" && $0.df < 2 })
        for c in Self.fixture.comparisons {
            let comparison = switch c.design {
            case "paired": Comparison(paired: c.first, c.second, better: .higher, alpha: c.alpha)
            case "one-sample": Comparison(c.first, against: c.second[0], better: .higher, alpha: c.alpha)
            default: Comparison(c.first, c.second, better: .higher, alpha: c.alpha)
            }
            let label = "\(c.name), α \(c.alpha)"
            #expect(close(comparison.difference, c.difference, absolute: 1e-14), "\(label): difference")
            #expect(close(comparison.standardError, c.standard_error), "\(label): standard error")
            #expect(close(comparison.degreesOfFreedom, c.df), "\(label): df \(comparison.degreesOfFreedom) vs \(c.df)")
            #expect(close(comparison.t, c.t), "\(label): t \(comparison.t) vs \(c.t)")
            #expect(close(comparison.pValue, c.p, absolute: 0), "\(label): p \(comparison.pValue) vs \(c.p)")
            #expect(close(comparison.lower, c.lower, absolute: 1e-12), "\(label): lower \(comparison.lower) vs \(c.lower)")
            #expect(close(comparison.upper, c.upper, absolute: 1e-12), "\(label): upper \(comparison.upper) vs \(c.upper)")
            #expect(close(comparison.effectSize, c.effect_size), "\(label): effect size")
            #expect(close(comparison.detectableDifference, c.detectable), "\(label): detectable \(comparison.detectableDifference) vs \(c.detectable)")
        }
    }

    @Test func exactBinomialTestAndInterval() {
        #expect(Self.fixture.binomial.count == 16)
        for c in Self.fixture.binomial {
            let test = BinomialTest(successes: c.successes, trials: c.trials, chance: c.chance, alpha: c.alpha)
            let label = "\(c.successes) of \(c.trials) against \(c.chance)"
            #expect(close(test.pValue, c.p, absolute: 0), "\(label): p \(test.pValue) vs \(c.p)")
            #expect(close(test.lower, c.lower), "\(label): lower \(test.lower) vs \(c.lower)")
            #expect(close(test.upper, c.upper), "\(label): upper \(test.upper) vs \(c.upper)")
        }
    }

    @Test func fisherExactTest() {
        for c in Self.fixture.fisher {
            let test = FisherExactTest(first: (c.first, of: c.first_trials), second: (c.second, of: c.second_trials))
            #expect(close(test.pValue, c.p), "\(c.first)/\(c.first_trials) vs \(c.second)/\(c.second_trials): \(test.pValue) vs \(c.p)")
        }
    }

    @Test func signTest() {
        for c in Self.fixture.sign {
            let test = SignTest(paired: c.first, c.second, better: c.goal == "higher" ? .higher : .lower)
            #expect(test.firstWins == c.wins && test.secondWins == c.losses, "\(c.first): \(test.firstWins)-\(test.secondWins) vs \(c.wins)-\(c.losses)")
            #expect(close(test.pValue, c.p), "\(c.first): p \(test.pValue) vs \(c.p)")
        }
    }
}
