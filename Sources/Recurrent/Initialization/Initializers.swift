/// Ways to fill a parameter with its first values. Each draws from the generator it is given,
/// in row-major order, so the same seed gives the same weights.
public enum Initializer {
    /// Uniform in `[-bound, bound)`.
    case uniform(bound: Float)
    /// All entries equal to `value` (biases, and the forget-gate bias trick).
    case constant(Float)

    /// PyTorch's default for recurrent layers: uniform in `[-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`
    /// for every weight and bias.
    public static func pytorchRecurrentDefault(hiddenSize: Int) -> Initializer {
        .uniform(bound: 1 / Float(hiddenSize).squareRoot())
    }

    /// A tensor of `shape` drawn from this distribution.
    public func tensor(shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        switch self {
        case .uniform(let bound):
            var scalars = [Float](repeating: 0, count: count)
            for index in 0..<count { scalars[index] = generator.uniform(-bound, bound) }
            return Tensor(shape: shape, scalars: scalars)
        case .constant(let value):
            return Tensor(repeating: value, shape: shape)
        }
    }
}
