import Foundation

/// Adam, as PyTorch's `torch.optim.Adam`:
///
///     m = β₁ m + (1 − β₁) g
///     v = β₂ v + (1 − β₂) g²
///     θ = θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var firstMoments: OptimizerSlots
    private var secondMoments: OptimizerSlots
    private var stepCount = 0

    public init(
        parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = OptimizerSlots(parameters)
        secondMoments = OptimizerSlots(parameters)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - pow(beta1, Float(stepCount))
        let correction2Root = (1 - pow(beta2, Float(stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        for (index, parameter) in parameters.enumerated() {
            for i in parameter.value.scalars.indices {
                let g = parameter.gradient.scalars[i] + weightDecay * parameter.value.scalars[i]
                let m = beta1 * firstMoments.values[index][i] + (1 - beta1) * g
                let v = beta2 * secondMoments.values[index][i] + (1 - beta2) * g * g
                firstMoments.values[index][i] = m
                secondMoments.values[index][i] = v
                parameter.value.scalars[i] -= stepSize * m / (v.squareRoot() / correction2Root + epsilon)
            }
        }
    }
}
