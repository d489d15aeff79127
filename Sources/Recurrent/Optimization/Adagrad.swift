/// Adagrad, as PyTorch's `torch.optim.Adagrad`:
///
///     s = s + g²
///     θ = θ − η g / (√s + ε)
public final class Adagrad: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let epsilon: Float
    private var sums: OptimizerSlots

    public init(parameters: [Parameter], learningRate: Float = 1e-2, epsilon: Float = 1e-10) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.epsilon = epsilon
        sums = OptimizerSlots(parameters)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            for i in parameter.value.scalars.indices {
                let g = parameter.gradient.scalars[i]
                let s = sums.values[index][i] + g * g
                sums.values[index][i] = s
                parameter.value.scalars[i] -= learningRate * g / (s.squareRoot() + epsilon)
            }
        }
    }
}
