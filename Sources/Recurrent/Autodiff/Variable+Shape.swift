/// Reshaping, slicing and joining variables; gradients are routed back to where each value
/// came from.
extension Variable {
    /// The same values viewed with another shape of the same size.
    public func reshaped(_ newShape: [Int]) -> Variable {
        let oldShape = shape
        return Variable.record("reshape", inputs: [self], value: value.reshaped(newShape)) { [$0.reshaped(oldShape)] }
    }

    /// The features in `range` of every row: `[..., features]` to `[..., range.count]`.
    public func slice(features range: Range<Int>) -> Variable {
        let inputShape = shape
        return Variable.record("slice(features:)", inputs: [self], value: value.slice(features: range)) { gradient in
            let width = inputShape[inputShape.count - 1]
            var result = Tensor(zeros: inputShape)
            let rows = width == 0 ? 0 : result.count / width
            for row in 0..<rows {
                for j in 0..<range.count {
                    result.scalars[row * width + range.lowerBound + j] = gradient.scalars[row * range.count + j]
                }
            }
            return [result]
        }
    }

    /// Step `t` of a `[batch, time, features]` sequence: `[batch, features]`.
    public func step(_ t: Int) -> Variable {
        let inputShape = shape
        return Variable.record("step(\(t))", inputs: [self], value: value.step(t)) { gradient in
            let (batch, time, features) = (inputShape[0], inputShape[1], inputShape[2])
            var result = Tensor(zeros: inputShape)
            for b in 0..<batch {
                for j in 0..<features { result.scalars[(b * time + t) * features + j] = gradient.scalars[b * features + j] }
            }
            return [result]
        }
    }

    /// The steps of a `[batch, time, features]` sequence in reverse order. Reversal is its own
    /// inverse, so the gradient is reversed back.
    public func reversedSteps() -> Variable {
        Variable.record("reversedSteps", inputs: [self], value: value.reversedSteps()) { gradient in [gradient.reversedSteps()] }
    }

    /// The sum of all values, shape `[]`.
    public func sum() -> Variable {
        let inputShape = shape
        return Variable.record("sum", inputs: [self], value: Tensor(shape: [], scalars: [value.sum()])) { gradient in
            [Tensor(repeating: gradient.scalars[0], shape: inputShape)]
        }
    }

    /// The mean of all values, shape `[]`.
    public func mean() -> Variable {
        let inputShape = shape
        let count = Float(value.count)
        return Variable.record("mean", inputs: [self], value: Tensor(shape: [], scalars: [value.mean()])) { gradient in
            [Tensor(repeating: gradient.scalars[0] / count, shape: inputShape)]
        }
    }
}

/// Variables joined along their last dimension.
public func concatenate(features parts: [Variable]) -> Variable {
    let widths = parts.map { $0.shape[$0.shape.count - 1] }
    return Variable.record("concatenate(features:)", inputs: parts, value: Tensor.concatenate(features: parts.map(\.value))) { gradient in
        var offset = 0
        return widths.map { width in
            defer { offset += width }
            return gradient.slice(features: offset..<(offset + width))
        }
    }
}

/// `[batch, features]` steps stacked into a `[batch, steps.count, features]` sequence.
public func stack(steps: [Variable]) -> Variable {
    Variable.record("stack(steps:)", inputs: steps, value: Tensor.stack(steps: steps.map(\.value))) { gradient in
        (0..<steps.count).map { gradient.step($0) }
    }
}

extension Variable {
    /// The steps of a `[batch, time, features]` sequence as `time` variables `[batch, features]`,
    /// recorded as one operation so back-propagation assembles their gradients in one tensor
    /// (slicing each step separately would cost a full-size gradient per step).
    public func unstackedSteps() -> [Variable] {
        require(shape.count == 3, "unstackedSteps: shape \(shape) is not [batch, time, features]")
        let inputShape = shape
        let steps = (0..<shape[1]).map { value.step($0) }
        return Variable.record("unstackedSteps", inputs: [self], values: steps) { gradients in
            let (batch, time, features) = (inputShape[0], inputShape[1], inputShape[2])
            var result = Tensor(zeros: inputShape)
            for (t, gradient) in gradients.enumerated() {
                guard let gradient else { continue }
                for b in 0..<batch {
                    for j in 0..<features { result.scalars[(b * time + t) * features + j] = gradient.scalars[b * features + j] }
                }
            }
            return [result]
        }
    }

    /// The sum over the last dimension, keeping it with extent 1: `[..., features]` to `[..., 1]`.
    public func sumOverFeatures() -> Variable {
        let inputShape = shape
        let width = inputShape[inputShape.count - 1]
        let rows = width == 0 ? 0 : value.count / width
        var sums = [Float](repeating: 0, count: rows)
        for row in 0..<rows {
            for j in 0..<width { sums[row] += value.scalars[row * width + j] }
        }
        return Variable.record("sumOverFeatures", inputs: [self], value: Tensor(shape: Array(inputShape.dropLast()) + [1], scalars: sums)) { gradient in
            [Tensor(shape: inputShape, scalars: (0..<(rows * width)).map { gradient.scalars[$0 / Swift.max(width, 1)] })]
        }
    }
}
