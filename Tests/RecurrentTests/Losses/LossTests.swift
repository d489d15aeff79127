import Testing
@testable import Recurrent

/// Losses against PyTorch's functional losses and finite differences.
@Suite struct LossTests {
    let reference = TrainingFixture.shared.losses

    @Test func crossEntropyWithPaddingMatchesPyTorch() throws {
        let data = reference.crossEntropy
        let logits = Variable(Tensor(shape: data.shape, scalars: data.logits), requiresGradient: true)
        let loss = crossEntropy(logits: logits, targets: data.targets)
        #expect(abs(loss.value.scalars[0] - data.loss) < 1e-6)
        loss.backward()
        #expect(largestRelativeError(try #require(logits.gradient).scalars, data.gradient) < 1e-6)
    }

    /// The loss subtracts each row's largest logit before exponentiating, so a logit of 1000
    /// anywhere in the row — in the eight-lane part or the remainder, at 1 to 65 classes —
    /// gives a finite loss: missing it would overflow `exp` to infinity.
    @Test(arguments: [1, 5, 8, 9, 16, 23, 65])
    func crossEntropyShiftsByTheLargestLogitWhereverItIs(classes: Int) {
        for position in 0..<classes {
            var scalars = (0..<classes).map { Float($0 % 7) - 3 }
            scalars[position] = 1000
            let logits = Variable(Tensor(shape: [1, classes], scalars: scalars))
            let target = (position + 1) % classes
            let loss = crossEntropy(logits: logits, targets: [target]).value.scalars[0]
            // −log softmax: 0 at the huge logit, about 1000 − logit elsewhere.
            let expected: Float = target == position ? 0 : 1000 - scalars[target]
            #expect(abs(loss - expected) < 1e-3, "\(classes) classes, 1000 at \(position)")
        }
    }

    @Test func binaryCrossEntropyMatchesPyTorch() throws {
        let data = reference.binaryCrossEntropy
        let logits = Variable(Tensor(shape: data.shape, scalars: data.logits), requiresGradient: true)
        let loss = binaryCrossEntropy(logits: logits, targets: Tensor(shape: data.shape, scalars: data.targets))
        #expect(abs(loss.value.scalars[0] - data.loss) < 1e-6)
        loss.backward()
        #expect(largestRelativeError(try #require(logits.gradient).scalars, data.gradient) < 1e-6)
    }

    @Test func meanSquaredErrorMatchesPyTorch() throws {
        let data = reference.meanSquaredError
        let prediction = Variable(Tensor(shape: data.shape, scalars: data.prediction), requiresGradient: true)
        let loss = meanSquaredError(prediction, Tensor(shape: data.shape, scalars: data.target))
        #expect(abs(loss.value.scalars[0] - data.loss) < 1e-6)
        loss.backward()
        #expect(largestRelativeError(try #require(prediction.gradient).scalars, data.gradient) < 1e-6)
    }

    @Test func lossesMatchFiniteDifferences() {
        let logits = randomTensor([2, 3, 4], seed: 31, range: 2)
        expectGradientsMatchFiniteDifferences([logits]) { crossEntropy(logits: $0[0], targets: [0, 3, -1, 2, 1, 1]) }
        let targets = randomTensor([2, 3, 4], seed: 32).map { ($0 + 1) / 2 }
        expectGradientsMatchFiniteDifferences([logits]) { binaryCrossEntropy(logits: $0[0], targets: targets) }
        expectGradientsMatchFiniteDifferences([logits]) { meanSquaredError($0[0], targets) }
    }

    @Test func linearAndEmbeddingGradients() {
        var generator = RandomGenerator(seed: 33)
        let linear = Linear(inputSize: 3, outputSize: 2, generator: &generator)
        let input = Parameter(randomTensor([2, 4, 3], seed: 34))
        let outputWeights = Variable(randomTensor([2, 4, 2], seed: 36))
        (linear(input.variable) * outputWeights).sum().backward()
        for parameter in [input, linear.weight, linear.bias!] {
            let numerical = GradientCheck.numericalGradient(of: {
                Double((linear(Variable(input.value)) * outputWeights).value.sum())
            }, parameter: parameter)
            #expect(GradientCheck.largestRelativeDifference(parameter.gradient.scalars, numerical) < 1e-2)
        }

        let embedding = Embedding(count: 5, dimension: 3, generator: &generator)
        let indices = [[1, 4, 1], [0, 2, 2]]
        let vectorWeights = Variable(randomTensor([2, 3, 3], seed: 35))
        (embedding(indices) * vectorWeights).sum().backward()
        let numerical = GradientCheck.numericalGradient(of: {
            Double((embedding(indices) * vectorWeights).value.sum())
        }, parameter: embedding.weight)
        #expect(GradientCheck.largestRelativeDifference(embedding.weight.gradient.scalars, numerical) < 1e-2)
        // Row 3 was never looked up.
        #expect(embedding.weight.gradient.scalars[9..<12].allSatisfy { $0 == 0 })
    }

    @Test func oneHotMarksOneClassPerStep() {
        let encoded = Tensor.oneHot([[2, 0], [-1, 1]], classes: 3)
        #expect(encoded.shape == [2, 2, 3])
        #expect(encoded.scalars == [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0])
    }
}
