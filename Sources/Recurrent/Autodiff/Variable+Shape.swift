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
