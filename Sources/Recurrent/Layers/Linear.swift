/// An affine map `y = x · Wᵀ + b`, PyTorch's `nn.Linear`, with parameters `weight`
/// `[outputSize, inputSize]` and `bias` `[outputSize]`.
public final class Linear: ParameterContainer {
    public let weight: Parameter
    public let bias: Parameter?

    /// - Parameters:
    ///   - generator: draws weight and bias from PyTorch's default,
    ///     `uniform(-1/sqrt(inputSize), 1/sqrt(inputSize))`.
    public init(inputSize: Int, outputSize: Int, bias: Bool = true, generator: inout RandomGenerator) {
        require(inputSize > 0 && outputSize > 0, "Linear: sizes \(inputSize) → \(outputSize) must be positive")
        let initializer = Initializer.uniform(bound: 1 / Float(inputSize).squareRoot())
        weight = Parameter(initializer.tensor(shape: [outputSize, inputSize], generator: &generator))
        self.bias = bias ? Parameter(initializer.tensor(shape: [outputSize], generator: &generator)) : nil
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// `[..., inputSize]` to `[..., outputSize]`: every leading dimension is kept, so a
    /// `[batch, time, features]` sequence is mapped step by step.
    public func callAsFunction(_ input: Variable) -> Variable {
        let inputSize = weight.shape[1]
        require(input.shape.last == inputSize, "Linear: input shape \(input.shape) does not end in \(inputSize)")
        let leading = Array(input.shape.dropLast())
        let rows = input.reshaped([leading.reduce(1, *), inputSize])
        var output = matmul(rows, weight.variable, transposeRight: true)
        if let bias { output = output + bias.variable }
        return output.reshaped(leading + [weight.shape[0]])
    }

    /// The same map on plain tensors, recording nothing.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        callAsFunction(Variable(input)).value
    }
}
