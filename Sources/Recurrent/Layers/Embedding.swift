/// A table of learned vectors, one per symbol: PyTorch's `nn.Embedding`, parameter `weight`
/// `[count, dimension]`.
public final class Embedding: ParameterContainer {
    public let weight: Parameter

    /// - Parameter generator: draws the table from PyTorch's default, the standard normal.
    public init(count: Int, dimension: Int, generator: inout RandomGenerator) {
        require(count > 0 && dimension > 0, "Embedding: count \(count) and dimension \(dimension) must be positive")
        weight = Parameter(Tensor(shape: [count, dimension], scalars: (0..<count * dimension).map { _ in generator.normal() }))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { [("weight", weight)] }

    /// The vectors of `indices` (`[batch][time]`): `[batch, time, dimension]`. Sequences must
    /// have equal lengths.
    public func callAsFunction(_ indices: [[Int]]) -> Variable {
        let (count, dimension) = (weight.shape[0], weight.shape[1])
        let batch = indices.count
        let time = indices.first?.count ?? 0
        require(indices.allSatisfy { $0.count == time }, "Embedding: sequences have different lengths \(indices.map(\.count))")
        let flat = indices.flatMap { $0 }
        require(flat.allSatisfy { $0 >= 0 && $0 < count }, "Embedding: an index is outside 0..<\(count)")
        let table = weight.value
        var values = [Float](repeating: 0, count: flat.count * dimension)
        for (row, index) in flat.enumerated() {
            for j in 0..<dimension { values[row * dimension + j] = table.scalars[index * dimension + j] }
        }
        return Variable.record("embedding", inputs: [weight.variable], value: Tensor(shape: [batch, time, dimension], scalars: values)) { gradient in
            var tableGradient = Tensor(zeros: [count, dimension])
            for (row, index) in flat.enumerated() {
                for j in 0..<dimension { tableGradient.scalars[index * dimension + j] += gradient.scalars[row * dimension + j] }
            }
            return [tableGradient]
        }
    }
}

extension Tensor {
    /// One-hot vectors of `indices` (`[batch][time]`) over `classes`: `[batch, time, classes]`.
    /// An index of `-1` gives a zero vector (padding).
    public static func oneHot(_ indices: [[Int]], classes: Int) -> Tensor {
        let time = indices.first?.count ?? 0
        require(indices.allSatisfy { $0.count == time }, "oneHot: sequences have different lengths \(indices.map(\.count))")
        var result = Tensor(zeros: [indices.count, time, classes])
        for (b, sequence) in indices.enumerated() {
            for (t, index) in sequence.enumerated() where index >= 0 {
                require(index < classes, "oneHot: index \(index) is not below \(classes) classes")
                result.scalars[(b * time + t) * classes + index] = 1
            }
        }
        return result
    }
}
