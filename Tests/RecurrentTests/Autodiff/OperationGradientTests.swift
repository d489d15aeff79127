import Testing
@testable import Recurrent

/// Every differentiable operation against finite differences.
@Suite struct OperationGradientTests {
    let matrix = randomTensor([3, 4], seed: 1)
    let other = randomTensor([3, 4], seed: 2)
    let row = randomTensor([4], seed: 3)
    let column = randomTensor([3, 1], seed: 4)

    @Test func addSubtractMultiplyDivide() {
        expectGradientsMatchFiniteDifferences([matrix, other]) { $0[0] + $0[1] }
        expectGradientsMatchFiniteDifferences([matrix, other]) { $0[0] - $0[1] }
        expectGradientsMatchFiniteDifferences([matrix, other]) { $0[0] * $0[1] }
        expectGradientsMatchFiniteDifferences([matrix, other.map { $0 + 3 }]) { $0[0] / $0[1] }
    }

    @Test func broadcastingSumsGradientsOverRepeatedDimensions() {
        expectGradientsMatchFiniteDifferences([matrix, row]) { $0[0] + $0[1] }
        expectGradientsMatchFiniteDifferences([matrix, column]) { $0[0] * $0[1] }
        expectGradientsMatchFiniteDifferences([column, row]) { $0[0] - $0[1] }
    }

    @Test func scalarOperations() {
        expectGradientsMatchFiniteDifferences([matrix]) { 1 - $0[0] * 2.5 + 0.5 }
        expectGradientsMatchFiniteDifferences([matrix]) { -($0[0] / 4) - 1 }
    }

    @Test func activations() {
        expectGradientsMatchFiniteDifferences([matrix]) { sigmoid($0[0]) }
        expectGradientsMatchFiniteDifferences([matrix]) { tanh($0[0]) }
        expectGradientsMatchFiniteDifferences([matrix]) { exp($0[0]) }
        expectGradientsMatchFiniteDifferences([matrix.map { abs($0) + 0.5 }]) { log($0[0]) }
        // Away from the kink at 0, where the finite difference straddles two slopes.
        expectGradientsMatchFiniteDifferences([matrix.map { $0 < 0 ? $0 - 0.1 : $0 + 0.1 }]) { relu($0[0]) }
    }

    @Test func softmaxAndLogSoftmax() {
        expectGradientsMatchFiniteDifferences([matrix * 3]) { softmax($0[0]) }
        expectGradientsMatchFiniteDifferences([matrix * 3]) { logSoftmax($0[0]) }
    }

    @Test func matrixProducts() {
        let left = randomTensor([2, 3], seed: 5)
        let right = randomTensor([3, 4], seed: 6)
        let weight = randomTensor([4, 3], seed: 7)
        expectGradientsMatchFiniteDifferences([left, right]) { matmul($0[0], $0[1]) }
        expectGradientsMatchFiniteDifferences([left, weight]) { matmul($0[0], $0[1], transposeRight: true) }
    }

    @Test func slicingConcatenatingAndSteps() {
        let sequence = randomTensor([2, 3, 4], seed: 8)
        expectGradientsMatchFiniteDifferences([matrix]) { $0[0].slice(features: 1..<3) * 2 }
        expectGradientsMatchFiniteDifferences([matrix, other]) { concatenate(features: [$0[1], $0[0] * $0[0]]) }
        expectGradientsMatchFiniteDifferences([sequence]) { $0[0].step(1) * $0[0].step(2) }
        expectGradientsMatchFiniteDifferences([matrix, other]) { stack(steps: [$0[0], $0[1] * 2, $0[0]]) }
        expectGradientsMatchFiniteDifferences([sequence]) { $0[0].reshaped([6, 4]) * 3 }
    }

    @Test func sequenceStepsFeatureSumsAndRoots() {
        let sequence = randomTensor([2, 3, 4], seed: 9)
        expectGradientsMatchFiniteDifferences([sequence]) { stack(steps: $0[0].unstackedSteps().reversed().map { $0 * $0 }) }
        expectGradientsMatchFiniteDifferences([sequence]) { $0[0].unstackedSteps()[1] * 2 }
        expectGradientsMatchFiniteDifferences([matrix]) { $0[0].sumOverFeatures() * $0[0] }
        expectGradientsMatchFiniteDifferences([matrix.map { abs($0) + 0.5 }]) { sqrt($0[0]) }
    }

    @Test func sumsAndMeans() {
        expectGradientsMatchFiniteDifferences([matrix]) { ($0[0] * $0[0]).sum() }
        expectGradientsMatchFiniteDifferences([matrix]) { ($0[0] * $0[0]).mean() }
    }

    @Test func detachStopsTheGradient() {
        let parameter = Parameter(matrix)
        let x = parameter.variable
        let y = (x * x.detached()).sum()
        y.backward()
        // d/dx (x · c) = c with c the detached value: half of what 2x would be.
        #expect(parameter.gradient == matrix)
    }

    @Test func sharedLeafAccumulatesEveryUse() {
        let input = Variable(matrix, requiresGradient: true)
        (input * 2 + input * 3).sum().backward()
        #expect(input.gradient == Tensor(repeating: 5, shape: matrix.shape))
    }

    @Test func constantsRecordNothing() {
        let constant = Variable(matrix)
        let result = tanh(constant * 2)
        #expect(result.producer == nil)
        #expect(!result.requiresGradient)
    }

    @Test func reversedSteps() {
        let sequence = Tensor(shape: [2, 3, 1], scalars: [1, 2, 3, 4, 5, 6])
        #expect(sequence.reversedSteps().scalars == [3, 2, 1, 6, 5, 4])
        #expect(sequence.reversedSteps().reversedSteps() == sequence)
        expectGradientsMatchFiniteDifferences([randomTensor([2, 4, 3], seed: 90)]) { $0[0].reversedSteps() * $0[0] }
    }
}
