/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay,
/// as PyTorch's `torch.optim.SGD`:
///
///     g = ∇θ + λ θ
///     b = μ b + g            (b = g on the first step)
///     g = g + μ b  (Nesterov)   or   g = b  (momentum)
///     θ = θ − η g
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var buffers: OptimizerSlots
    private var started = false

    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        require(!nesterov || momentum > 0, "SGD: Nesterov momentum needs momentum > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        buffers = OptimizerSlots(parameters)
    }

    public func step() {
        for (index, parameter) in parameters.enumerated() {
            let gradient = parameter.gradient.scalars
            for i in parameter.value.scalars.indices {
                var g = gradient[i] + weightDecay * parameter.value.scalars[i]
                if momentum != 0 {
                    let buffer = started ? momentum * buffers.values[index][i] + g : g
                    buffers.values[index][i] = buffer
                    g = nesterov ? g + momentum * buffer : buffer
                }
                parameter.value.scalars[i] -= learningRate * g
            }
        }
        started = true
    }
}
