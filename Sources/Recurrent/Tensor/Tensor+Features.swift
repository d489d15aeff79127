/// Slicing and joining along the last dimension (features) and the time dimension of
/// `[batch, time, features]` sequences: the reshaping every cell and unroller needs.
extension Tensor {
    /// The features in `range` of every row: `[..., features]` to `[..., range.count]`.
    public func slice(features range: Range<Int>) -> Tensor {
        let width = shape[rank - 1]
        require(range.lowerBound >= 0 && range.upperBound <= width,
                "slice(features:): range \(range) outside the \(width) features of shape \(shape)")
        let rows = width == 0 ? 0 : count / width
        var result = [Float]()
        result.reserveCapacity(rows * range.count)
        for row in 0..<rows {
            result.append(contentsOf: scalars[(row * width + range.lowerBound)..<(row * width + range.upperBound)])
        }
        return Tensor(shape: Array(shape.dropLast()) + [range.count], scalars: result)
    }

    /// Tensors joined along their last dimension; all other dimensions must agree.
    public static func concatenate(features parts: [Tensor]) -> Tensor {
        require(!parts.isEmpty, "concatenate(features:): no tensors")
        let leading = Array(parts[0].shape.dropLast())
        for part in parts {
            require(Array(part.shape.dropLast()) == leading,
                    "concatenate(features:): shapes \(parts.map(\.shape)) differ before the last dimension")
        }
        let widths = parts.map { $0.shape[$0.rank - 1] }
        let rows = leading.reduce(1, *)
        var result = [Float]()
        result.reserveCapacity(rows * widths.reduce(0, +))
        for row in 0..<rows {
            for (part, width) in zip(parts, widths) {
                result.append(contentsOf: part.scalars[(row * width)..<((row + 1) * width)])
            }
        }
        return Tensor(shape: leading + [widths.reduce(0, +)], scalars: result)
    }

    /// Step `t` of a `[batch, time, features]` sequence: `[batch, features]`.
    public func step(_ t: Int) -> Tensor {
        require(rank == 3 && t >= 0 && t < shape[1], "step(\(t)): not a step of shape \(shape)")
        let (batch, time, features) = (shape[0], shape[1], shape[2])
        var result = [Float]()
        result.reserveCapacity(batch * features)
        for b in 0..<batch {
            let start = (b * time + t) * features
            result.append(contentsOf: scalars[start..<(start + features)])
        }
        return Tensor(shape: [batch, features], scalars: result)
    }

    /// A `[batch, time, features]` sequence with its steps in reverse order: what a backward
    /// recurrent layer reads.
    public func reversedSteps() -> Tensor {
        require(rank == 3, "reversedSteps: shape \(shape) is not [batch, time, features]")
        let (batch, time, features) = (shape[0], shape[1], shape[2])
        var result = [Float]()
        result.reserveCapacity(count)
        for b in 0..<batch {
            for t in (0..<time).reversed() {
                let start = (b * time + t) * features
                result.append(contentsOf: scalars[start..<(start + features)])
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// `[batch, features]` steps stacked into a `[batch, steps.count, features]` sequence.
    public static func stack(steps: [Tensor]) -> Tensor {
        require(!steps.isEmpty, "stack(steps:): no steps")
        let stepShape = steps[0].shape
        require(stepShape.count == 2 && steps.allSatisfy { $0.shape == stepShape },
                "stack(steps:): steps must all be [batch, features]; got \(Set(steps.map(\.shape)).sorted { $0.lexicographicallyPrecedes($1) })")
        let (batch, features, time) = (stepShape[0], stepShape[1], steps.count)
        var result = [Float](repeating: 0, count: batch * time * features)
        for (t, step) in steps.enumerated() {
            for b in 0..<batch {
                let target = (b * time + t) * features
                for j in 0..<features { result[target + j] = step.scalars[b * features + j] }
            }
        }
        return Tensor(shape: [batch, time, features], scalars: result)
    }
}
