extension Tensor {
    /// A tensor of `shape` with values drawn uniformly from `[lower, upper)`, in row-major order.
    public static func uniform(_ shape: [Int], _ lower: Float, _ upper: Float, generator: inout RandomGenerator) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in generator.uniform(lower, upper) })
    }

    /// A tensor of `shape` with values drawn from a normal distribution, in row-major order.
    public static func normal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, generator: inout RandomGenerator) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            generator.normal(mean: mean, standardDeviation: standardDeviation)
        })
    }
}
