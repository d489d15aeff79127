import Foundation
import Testing
@testable import Recurrent

/// Each optimiser against `torch.optim` on the same start and gradient sequence.
@Suite struct OptimizerTests {
    static func optimizer(named name: String, for parameters: [Parameter]) -> any Optimizer {
        switch name {
        case "sgd": SGD(parameters: parameters, learningRate: 0.1)
        case "sgd_momentum": SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9)
        case "sgd_nesterov_decay": SGD(parameters: parameters, learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01)
        case "rmsprop": RMSprop(parameters: parameters, learningRate: 0.01)
        case "adagrad": Adagrad(parameters: parameters, learningRate: 0.1)
        case "adam": Adam(parameters: parameters, learningRate: 0.01)
        case "adam_decay": Adam(parameters: parameters, learningRate: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.1)
        default: fatalError("no optimiser \(name)")
        }
    }

    @Test(arguments: TrainingFixture.shared.optimizers)
    func stepsMatchPyTorch(_ reference: TrainingFixture.OptimizerCase) {
        let parameter = Parameter(Tensor(reference.start))
        let optimizer = Self.optimizer(named: reference.name, for: [parameter])
        for (gradient, expected) in zip(reference.gradients, reference.after) {
            parameter.gradient = Tensor(gradient)
            optimizer.step()
            #expect(largestRelativeError(parameter.value.scalars, expected) < 1e-5, "\(reference.name)")
        }
    }

    /// The vectorised Adam gives exactly the bits of the textbook loop, in the vector body and
    /// in the remainder (13 values: one group of eight, five single ones).
    @Test func adamGivesTheBitsOfTheTextbookLoop() {
        let start = randomTensor([13], seed: 5)
        let gradients = (0..<3).map { randomTensor([13], seed: UInt64(6 + $0)) }
        let parameter = Parameter(start)
        let optimizer = Adam(parameters: [parameter], learningRate: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.1)
        var (value, m, v) = (start.scalars, [Float](repeating: 0, count: 13), [Float](repeating: 0, count: 13))
        for (step, gradient) in gradients.enumerated() {
            parameter.gradient = gradient
            optimizer.step()
            let stepSize = Float(0.01) / (1 - pow(Float(0.8), Float(step + 1)))
            let correction2Root = (1 - pow(Float(0.99), Float(step + 1))).squareRoot()
            for i in 0..<13 {
                let g = gradient.scalars[i] + 0.1 * value[i]
                m[i] = 0.8 * m[i] + (1 - 0.8) * g
                v[i] = 0.99 * v[i] + (1 - 0.99) * g * g
                value[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + 1e-8)
            }
            #expect(parameter.value.scalars == value, "step \(step + 1)")
        }
    }

    @Test func clippingByNormMatchesPyTorch() {
        let reference = TrainingFixture.shared.losses.clipNorm
        let parameters = zip(reference.gradients, reference.shapes).map { gradient, shape in
            let parameter = Parameter(Tensor(zeros: shape))
            parameter.gradient = Tensor(shape: shape, scalars: gradient)
            return parameter
        }
        let norm = GradientClipping.clipNorm(parameters, maxNorm: reference.maxNorm)
        #expect(abs(norm - reference.norm) / reference.norm < 1e-6)
        for (parameter, expected) in zip(parameters, reference.clipped) {
            #expect(largestRelativeError(parameter.gradient.scalars, expected) < 1e-6)
        }
    }

    @Test func clippingByValueClamps() {
        let parameter = Parameter(Tensor(zeros: [4]))
        parameter.gradient = Tensor([-3, -0.5, 0.5, 3])
        GradientClipping.clipValues([parameter], limit: 1)
        #expect(parameter.gradient.scalars == [-1, -0.5, 0.5, 1])
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.step(initial: 1, every: 2, gamma: 0.5).rate(at: 3) == 0.5)
        #expect(LearningRateSchedule.step(initial: 1, every: 2, gamma: 0.5).rate(at: 4) == 0.25)
        #expect(abs(LearningRateSchedule.exponential(initial: 2, gamma: 0.9).rate(at: 2) - 1.62) < 1e-6)
    }

    @Test func zeroGradientsClearsEveryParameter() {
        let parameter = Parameter(Tensor([1, 2]))
        parameter.gradient = Tensor([3, 4])
        SGD(parameters: [parameter], learningRate: 1).zeroGradients()
        #expect(parameter.gradient.scalars == [0, 0])
    }
}
