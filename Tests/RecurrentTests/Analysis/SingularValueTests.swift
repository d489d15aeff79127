import Testing
@testable import Recurrent

@Suite struct SingularValueTests {
    /// A product of many small Jacobians has entries near 1e-25; squaring it in Float gives
    /// entries near 1e-50, below Float's smallest number, and the norm would read 0.
    @Test func largestSingularValueOfATinyMatrixDoesNotUnderflow() {
        let scale: Float = 1e-25
        let matrix = Tensor(rows: [[1, 2], [3, 4]]) * scale
        let norm = Spectrum.largestSingularValue(matrix)
        #expect(norm > 0)
        #expect(abs(norm / scale - 5.4649857) < 1e-5)
    }

    @Test func largestSingularValueOfARectangularMatrix() {
        // [[3, 0, 0], [4, 0, 0]] has one nonzero singular value, 5.
        #expect(abs(Spectrum.largestSingularValue(Tensor(rows: [[3, 0, 0], [4, 0, 0]])) - 5) < 1e-5)
    }
}
