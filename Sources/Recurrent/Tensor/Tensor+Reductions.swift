extension Tensor {
    /// For each row (all dimensions but the last), the index of its largest value — the class
    /// a classifier's logits pick. Ties go to the lower index; a row with NaN picks its first NaN.
    public func argmaxLastAxis() -> [Int] {
        require(rank >= 1 && shape[rank - 1] > 0, "argmaxLastAxis: shape \(shape) has no last axis to search")
        let width = shape[rank - 1]
        return (0..<(count / width)).map { row in
            var best = 0
            for j in 1..<width where !(scalars[row * width + best].isNaN) {
                if scalars[row * width + j] > scalars[row * width + best] || scalars[row * width + j].isNaN { best = j }
            }
            return best
        }
    }
}

/// The share of `predictions` equal to `labels`.
public func accuracy(_ predictions: [Int], _ labels: [Int]) -> Float {
    require(predictions.count == labels.count, "accuracy: \(predictions.count) predictions for \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    return Float(zip(predictions, labels).filter { $0 == $1 }.count) / Float(labels.count)
}
