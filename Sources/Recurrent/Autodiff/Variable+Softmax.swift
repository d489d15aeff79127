import Foundation

/// Softmax and log-softmax over the last dimension (the classes), each row shifted by its
/// maximum first so large logits do not overflow.
extension Tensor {
    /// `log(softmax(x))` over the last dimension, computed as `x - max - log Σ exp(x - max)`.
    func logSoftmaxLastAxis() -> Tensor {
        require(rank >= 1 && shape[rank - 1] > 0, "logSoftmax: shape \(shape) has no classes")
        let classes = shape[rank - 1]
        var result = self
        for row in 0..<(count / classes) {
            let base = row * classes
            var largest = -Float.infinity
            for j in 0..<classes { largest = Swift.max(largest, scalars[base + j]) }
            var total: Double = 0
            for j in 0..<classes { total += Double(expf(scalars[base + j] - largest)) }
            let logTotal = Float(Foundation.log(total))
            for j in 0..<classes { result.scalars[base + j] = scalars[base + j] - largest - logTotal }
        }
        return result
    }
}

/// The softmax over the last dimension: `e^x_j / Σ_k e^x_k` for each row.
public func softmax(_ x: Variable) -> Variable {
    let output = x.value.logSoftmaxLastAxis().map(expf)
    return Variable.record("softmax", inputs: [x], value: output) { gradient in
        // dx_j = y_j (g_j − Σ_k g_k y_k)
        let classes = output.shape[output.rank - 1]
        var result = gradient
        for row in 0..<(output.count / classes) {
            let base = row * classes
            var dot: Float = 0
            for k in 0..<classes { dot += gradient.scalars[base + k] * output.scalars[base + k] }
            for j in 0..<classes { result.scalars[base + j] = output.scalars[base + j] * (gradient.scalars[base + j] - dot) }
        }
        return [result]
    }
}

/// `log(softmax(x))` over the last dimension, computed without forming the softmax.
public func logSoftmax(_ x: Variable) -> Variable {
    let output = x.value.logSoftmaxLastAxis()
    return Variable.record("logSoftmax", inputs: [x], value: output) { gradient in
        // dx_j = g_j − softmax_j Σ_k g_k
        let classes = output.shape[output.rank - 1]
        var result = gradient
        for row in 0..<(output.count / classes) {
            let base = row * classes
            var total: Float = 0
            for k in 0..<classes { total += gradient.scalars[base + k] }
            for j in 0..<classes { result.scalars[base + j] -= expf(output.scalars[base + j]) * total }
        }
        return [result]
    }
}
