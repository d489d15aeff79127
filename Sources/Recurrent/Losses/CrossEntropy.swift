import Foundation

/// Softmax cross-entropy on class indices, PyTorch's `F.cross_entropy`.
///
/// - Parameters:
///   - logits: `[count, classes]`, or `[batch, time, classes]` for a loss at every step.
///   - targets: one class index per row of `logits` (`count`, or `batch * time` in row order);
///     a target of `-1` marks padding and contributes nothing.
/// - Returns: the mean over non-padding rows of `−log softmax(logits)[target]`, shape `[]`.
///
/// One fused operation: the gradient is `(softmax − onehot) / rows`, exact and cheaper than
/// going through `logSoftmax`.
public func crossEntropy(logits: Variable, targets: [Int]) -> Variable {
    let classes = logits.shape[logits.shape.count - 1]
    let rows = logits.value.count / Swift.max(classes, 1)
    require(targets.count == rows, "crossEntropy: \(targets.count) targets for \(rows) rows of logits \(logits.shape)")
    require(targets.allSatisfy { $0 >= -1 && $0 < classes }, "crossEntropy: a target is outside -1..<\(classes)")
    let counted = targets.filter { $0 >= 0 }.count
    // One pass per row: the shifted exponentials, their sum in Double, and from them both the
    // loss and the softmax the gradient needs (kept, so the backward pass computes no exp).
    var probabilities = [Float](repeating: 0, count: logits.value.count)
    var total: Double = 0
    logits.value.scalars.withUnsafeBufferPointer { values in
        probabilities.withUnsafeMutableBufferPointer { out in
            for row in 0..<rows {
                let base = row * classes
                let largest = rowMaximum(values.baseAddress! + base, count: classes)
                var sum: Double = 0
                for j in 0..<classes {
                    let e = expf(values[base + j] - largest)
                    out[base + j] = e
                    sum += Double(e)
                }
                let inverse = Float(1 / sum)
                for j in 0..<classes { out[base + j] *= inverse }
                let target = targets[row]
                if target >= 0 { total -= Double(values[base + target] - largest) - Foundation.log(sum) }
            }
        }
    }
    let loss = counted == 0 ? 0 : Float(total / Double(counted))
    return Variable.record("crossEntropy", inputs: [logits], value: Tensor(shape: [], scalars: [loss])) { gradient in
        var result = Tensor(zeros: logits.shape)
        guard counted > 0 else { return [result] }
        let scale = gradient.scalars[0] / Float(counted)
        result.scalars.withUnsafeMutableBufferPointer { out in
            probabilities.withUnsafeBufferPointer { p in
                for (row, target) in targets.enumerated() where target >= 0 {
                    let base = row * classes
                    for j in 0..<classes { out[base + j] = p[base + j] * scale }
                    out[base + target] -= scale
                }
            }
        }
        return [result]
    }
}

/// The largest of `count` values (−∞ for none), eight lanes at a time: a maximum is the same
/// in any order, and one `max` after another in a single register was a fifth of the loss's
/// time over 65 classes (a chain of compare-and-blend, each waiting for the last). A row with a
/// NaN may give any value here, but its loss and probabilities are NaN either way.
@inline(__always)
private func rowMaximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>(repeating: -.infinity)
    var j = 0
    while j + 8 <= count {
        lanes = pointwiseMax(lanes, UnsafeRawPointer(values + j).loadUnaligned(as: SIMD8<Float>.self))
        j += 8
    }
    var largest = lanes.max()
    while j < count {
        largest = Swift.max(largest, values[j])
        j += 1
    }
    return largest
}

/// Binary cross-entropy on logits, PyTorch's `F.binary_cross_entropy_with_logits`: the mean of
/// `max(x, 0) − x·y + log(1 + e^−|x|)`, which never overflows.
///
/// - Parameters:
///   - logits: any shape.
///   - targets: same shape, values in `[0, 1]`.
public func binaryCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
    require(logits.shape == targets.shape, "binaryCrossEntropy: logits \(logits.shape) and targets \(targets.shape) differ")
    let count = Float(Swift.max(targets.count, 1))
    var total: Double = 0
    for (x, y) in zip(logits.value.scalars, targets.scalars) {
        total += Double(Swift.max(x, 0) - x * y + log1pf(expf(-abs(x))))
    }
    return Variable.record("binaryCrossEntropy", inputs: [logits], value: Tensor(shape: [], scalars: [Float(total) / count])) { gradient in
        // d/dx = σ(x) − y
        let scale = gradient.scalars[0] / count
        var result = logits.value
        for index in result.scalars.indices {
            result.scalars[index] = (sigmoid(logits.value.scalars[index]) - targets.scalars[index]) * scale
        }
        return [result]
    }
}

/// The mean of `(prediction − target)²`, PyTorch's `F.mse_loss`.
public func meanSquaredError(_ prediction: Variable, _ target: Tensor) -> Variable {
    require(prediction.shape == target.shape, "meanSquaredError: prediction \(prediction.shape) and target \(target.shape) differ")
    let difference = prediction - Variable(target)
    return (difference * difference).mean()
}

/// The logistic function `1 / (1 + e^-x)`, with the C library's `expf`: the loss is computed
/// once per batch, so it keeps the library's accuracy rather than the kernels' fast math.
@inline(__always)
private func sigmoid(_ x: Float) -> Float {
    1 / (1 + expf(-x))
}
