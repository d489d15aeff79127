import Foundation
import Testing
@testable import Recurrent

@Suite struct InitializerTests {
    @Test func xavierUniformUsesTheGlorotBound() {
        var generator = RandomGenerator(seed: 1)
        let weight = Initializer.xavierUniform().tensor(shape: [200, 100], generator: &generator)
        let bound = (6 / Float(300)).squareRoot()
        #expect(weight.scalars.allSatisfy { abs($0) <= bound })
        #expect(weight.scalars.map(abs).max()! > 0.95 * bound)
    }

    @Test func xavierNormalHasTheGlorotVariance() {
        var generator = RandomGenerator(seed: 2)
        let weight = Initializer.xavierNormal(gain: 2).tensor(shape: [300, 100], generator: &generator)
        let variance = weight.scalars.map { Double($0) * Double($0) }.reduce(0, +) / Double(weight.count)
        #expect(abs(variance - 4 * 2.0 / 400) / (4 * 2.0 / 400) < 0.03)
    }

    @Test(arguments: [[5, 5], [3, 7], [7, 3]])
    func orthogonalHasOrthonormalRowsOrColumns(_ shape: [Int]) {
        var generator = RandomGenerator(seed: 3)
        let q = Initializer.orthogonal().tensor(shape: shape, generator: &generator)
        // The smaller of Q·Qᵀ and Qᵀ·Q is the identity.
        let gram = shape[0] <= shape[1] ? q.matmul(q, transposeOther: true) : q.matmul(q, transposeSelf: true)
        let n = min(shape[0], shape[1])
        for i in 0..<n {
            for j in 0..<n { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-5) }
        }
    }

    @Test func forgetGateBiasSetsOnlyTheForgetSlice() {
        var generator = RandomGenerator(seed: 4)
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, generator: &generator)
        let before = lstm.parameter(named: "bias_ih_l0")!.value
        lstm.setForgetGateBias(1)
        let inputBias = lstm.parameter(named: "bias_ih_l0")!.value.scalars
        let hiddenBias = lstm.parameter(named: "bias_hh_l0")!.value.scalars
        #expect(Array(inputBias[3..<6]) == [1, 1, 1])
        #expect(Array(hiddenBias[3..<6]) == [0, 0, 0])
        #expect(Array(inputBias[0..<3]) == Array(before.scalars[0..<3]))
    }
}

@Suite struct SpectrumTests {
    @Test func diagonalMatrix() {
        let matrix = Tensor(rows: [[0.5, 0, 0], [0, -2, 0], [0, 0, 1]])
        #expect(abs(Spectrum.spectralRadius(matrix) - 2) < 1e-5)
        #expect(abs(Spectrum.largestSingularValue(matrix) - 2) < 1e-5)
    }

    @Test func complexEigenvaluesOfAScaledRotation() {
        let (radius, angle): (Float, Float) = (0.8, 0.7)
        let matrix = Tensor(rows: [[radius * cos(angle), -radius * sin(angle)], [radius * sin(angle), radius * cos(angle)]])
        #expect(abs(Spectrum.spectralRadius(matrix) - 0.8) < 1e-5)
    }

    @Test func nonNormalMatrixSeparatesRadiusFromNorm() {
        // Eigenvalues 0.9 (twice); the largest singular value is much larger.
        let jordan = Tensor(rows: [[0.9, 1], [0, 0.9]])
        #expect(abs(Spectrum.spectralRadius(jordan) - 0.9) < 1e-4)
        // [[1, 2], [3, 4]] has singular values 5.4649857 and 0.3659662.
        #expect(abs(Spectrum.largestSingularValue(Tensor(rows: [[1, 2], [3, 4]])) - 5.4649857) < 1e-5)
    }

    @Test func similarityTransformKeepsTheRadius() {
        var generator = RandomGenerator(seed: 5)
        let q = Initializer.orthogonal().tensor(shape: [4, 4], generator: &generator)
        let triangular = Tensor(rows: [[0.3, 1, 2, -1], [0, -1.7, 0.5, 0.2], [0, 0, 0.8, 3], [0, 0, 0, 1.1]])
        let matrix = q.matmul(triangular).matmul(q, transposeOther: true)
        #expect(abs(Spectrum.spectralRadius(matrix) - 1.7) < 1e-4)
        #expect(abs(Spectrum.spectralRadius(matrix.scaled(toSpectralRadius: 1)) - 1) < 1e-4)
    }

    @Test func nilpotentMatrixHasRadiusZero() {
        #expect(Spectrum.spectralRadius(Tensor(rows: [[0, 1], [0, 0]])) == 0)
    }
}
