import Testing
@testable import Recurrent

/// Checks back-propagation through `function` against finite differences.
///
/// The inputs become parameters; the scalar checked is `Σ output ⊙ R` for a fixed random `R`,
/// so every output entry's gradient is exercised with a different weight.
func expectGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Variable]) -> Variable
) {
    let parameters = inputs.map(Parameter.init)
    var generator = RandomGenerator(seed: 1234)
    let probe = function(parameters.map(\.variable))
    let weights = Tensor(shape: probe.shape, scalars: (0..<probe.value.count).map { _ in generator.uniform(-1, 1) })
    probe.backward(gradient: weights)
    for (position, parameter) in parameters.enumerated() {
        let numerical = GradientCheck.numericalGradient(of: {
            let output = function(parameters.map(\.variable)).value
            return zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }, parameter: parameter, epsilon: epsilon)
        let difference = GradientCheck.largestRelativeDifference(parameter.gradient.scalars, numerical)
        #expect(difference < tolerance, "input \(position): analytic \(parameter.gradient.scalars) numerical \(numerical)",
                sourceLocation: sourceLocation)
    }
}

/// A tensor of `shape` with values drawn uniformly from `[-range, range)`.
func randomTensor(_ shape: [Int], seed: UInt64, range: Float = 1) -> Tensor {
    var generator = RandomGenerator(seed: seed)
    return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in generator.uniform(-range, range) })
}
