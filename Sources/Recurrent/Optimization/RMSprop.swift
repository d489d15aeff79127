/// RMSprop, as PyTorch's `torch.optim.RMSprop` (not centred, no momentum):
///
///     v = α v + (1 − α) g²
///     θ = θ − η g / (√v + ε)
public final class RMSprop: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    private var averages: OptimizerSlots

    public init(parameters: [Parameter], learningRate: Float = 1e-2, alpha: Float = 0.99, epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        averages = OptimizerSlots(parameters)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            for i in parameter.value.scalars.indices {
                let g = parameter.gradient.scalars[i]
                let v = alpha * averages.values[index][i] + (1 - alpha) * g * g
                averages.values[index][i] = v
                parameter.value.scalars[i] -= learningRate * g / (v.squareRoot() + epsilon)
            }
        }
    }
}
