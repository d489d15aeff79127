/// Hochreiter & Schmidhuber's adding problem: each step carries a random value in `[0, 1)`
/// and a marker; exactly two steps are marked, one in each half of the sequence, and the
/// target is the sum of the two marked values. Guessing 1 gives a mean squared error of about
/// 0.167, the baseline a model must beat.
public struct AddingProblem: Sendable {
    public let length: Int

    public init(length: Int) {
        require(length >= 2, "AddingProblem: length \(length) must be at least 2")
        self.length = length
    }

    /// `inputs` `[size, length, 2]` (value, marker) and `targets` `[size, 1]`.
    public func batch(size: Int, generator: inout RandomGenerator) -> (inputs: Tensor, targets: Tensor) {
        var inputs = Tensor(zeros: [size, length, 2])
        var targets = Tensor(zeros: [size, 1])
        let half = length / 2
        for b in 0..<size {
            for t in 0..<length { inputs.scalars[(b * length + t) * 2] = generator.nextUnitFloat() }
            let first = generator.integer(in: 0..<half)
            let second = generator.integer(in: half..<length)
            for t in [first, second] {
                inputs.scalars[(b * length + t) * 2 + 1] = 1
                targets.scalars[b] += inputs.scalars[(b * length + t) * 2]
            }
        }
        return (inputs, targets)
    }
}
