import Testing
@testable import LessonKit

@Suite struct SummaryTests {
    @Test func meanSpreadAndRange() {
        let summary = Summary([2.0, 4, 4, 4, 5, 5, 7, 9] as [Float])
        #expect(summary.mean == 5)
        // Sample variance: 32 / 7.
        #expect(abs(summary.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(summary.minimum == 2 && summary.maximum == 9 && summary.count == 8)
        #expect(summary.range(.fixed(decimals: 0)) == "2–9")
        #expect(summary.formatted(.fixed(decimals: 2)) == "5.00 ± 2.14 (n = 8)")
    }

    @Test func confidenceIntervalUsesStudentsT() {
        // Three values 1, 2, 3: sd 1, t(2) at 97.5% = 4.302652729749464 (SciPy), half-width t / √3.
        let summary = Summary([1.0, 2, 3])
        #expect(abs(summary.confidenceHalfWidth95 - 4.302652729749464 / 3.0.squareRoot()) < 1e-12)
        #expect(Summary([1.0]).confidenceHalfWidth95 == 0)
    }
}
