import Testing
@testable import LessonKit

@Suite struct LinearFitTests {
    @Test func recoversAnExactLine() {
        let x: [Double] = [0, 1, 2, 3, 4]
        let fit = LinearFit(x: x, y: x.map { 3 - 0.5 * $0 })
        #expect(abs(fit.slope + 0.5) < 1e-12 && abs(fit.intercept - 3) < 1e-12)
        #expect(abs(fit.rSquared - 1) < 1e-12)
        #expect(abs(fit(10) + 2) < 1e-12)
    }

    @Test func fitsNoisyPointsByLeastSquares() {
        // Points (0, 0), (1, 1), (2, 1): slope 1/2, intercept 1/6, r² = 3/4.
        let fit = LinearFit(x: [0, 1, 2] as [Float], y: [0, 1, 1] as [Float])
        #expect(abs(fit.slope - 0.5) < 1e-12)
        #expect(abs(fit.intercept - 1.0 / 6) < 1e-12)
        #expect(abs(fit.rSquared - 0.75) < 1e-12)
    }
}
