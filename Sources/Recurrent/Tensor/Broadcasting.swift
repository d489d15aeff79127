/// NumPy's broadcasting rules for element-wise operations on two shapes.
///
/// Shapes are aligned at their last dimension; each pair of extents must be equal or one of
/// them 1, and the result takes the larger. A missing leading dimension counts as 1. So
/// `[batch, hidden] + [hidden]` adds a bias to every row, and `[batch, 1] * [batch, hidden]`
/// scales each row.
struct Broadcast {
    let shape: [Int]
    /// For each operand, per result dimension: how far to step in that operand's storage when
    /// the result index in that dimension grows by one (0 along broadcast dimensions).
    let leftStrides: [Int]
    let rightStrides: [Int]

    init(_ left: [Int], _ right: [Int], operation: String) {
        let rank = max(left.count, right.count)
        let paddedLeft = [Int](repeating: 1, count: rank - left.count) + left
        let paddedRight = [Int](repeating: 1, count: rank - right.count) + right
        var shape: [Int] = []
        for (l, r) in zip(paddedLeft, paddedRight) {
            require(l == r || l == 1 || r == 1,
                    "\(operation): shapes \(left) and \(right) do not broadcast")
            shape.append(l == 1 ? r : l)
        }
        self.shape = shape
        leftStrides = Self.strides(paddedLeft)
        rightStrides = Self.strides(paddedRight)
    }

    /// Row-major strides, with 0 where the extent is 1 (the value is reused along it).
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var stride = 1
        for dimension in shape.indices.reversed() {
            strides[dimension] = shape[dimension] == 1 ? 0 : stride
            stride *= shape[dimension]
        }
        return strides
    }

    /// Calls `body(resultIndex, leftIndex, rightIndex)` for every result element in row-major
    /// order.
    func forEach(_ body: (Int, Int, Int) -> Void) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        var counter = [Int](repeating: 0, count: shape.count)
        var left = 0
        var right = 0
        for index in 0..<count {
            body(index, left, right)
            // Advance the odometer from the last dimension.
            var dimension = shape.count - 1
            while dimension >= 0 {
                counter[dimension] += 1
                left += leftStrides[dimension]
                right += rightStrides[dimension]
                if counter[dimension] < shape[dimension] { break }
                left -= leftStrides[dimension] * shape[dimension]
                right -= rightStrides[dimension] * shape[dimension]
                counter[dimension] = 0
                dimension -= 1
            }
        }
    }
}

extension Tensor {
    /// `f` applied to corresponding elements of two tensors under broadcasting. Inlined into
    /// each operator, so that `f` is a known instruction in the loops rather than a call.
    @inline(__always)
    func broadcasting(_ other: Tensor, operation: String, _ f: (Float, Float) -> Float) -> Tensor {
        if shape == other.shape {
            var result = scalars
            result.withUnsafeMutableBufferPointer { out in
                other.scalars.withUnsafeBufferPointer { right in
                    for index in 0..<out.count { out[index] = f(out[index], right[index]) }
                }
            }
            return Tensor(shape: shape, scalars: result)
        }
        // The common case of a bias: `other` matches the trailing dimensions of `self`, so it
        // repeats every `other.count` values.
        if other.rank <= rank, Array(shape.suffix(other.rank)) == other.shape, other.count > 0 {
            var result = [Float](repeating: 0, count: count)
            let width = other.count
            scalars.withUnsafeBufferPointer { left in
                other.scalars.withUnsafeBufferPointer { right in
                    result.withUnsafeMutableBufferPointer { out in
                        for row in 0..<(count / width) {
                            for j in 0..<width { out[row * width + j] = f(left[row * width + j], right[j]) }
                        }
                    }
                }
            }
            return Tensor(shape: shape, scalars: result)
        }
        let broadcast = Broadcast(shape, other.shape, operation: operation)
        var result = [Float](repeating: 0, count: broadcast.shape.reduce(1, *))
        scalars.withUnsafeBufferPointer { left in
            other.scalars.withUnsafeBufferPointer { right in
                broadcast.forEach { index, l, r in result[index] = f(left[l], right[r]) }
            }
        }
        return Tensor(shape: broadcast.shape, scalars: result)
    }

    /// The sum of `self` over the dimensions along which a tensor of `target` shape was
    /// broadcast to `self.shape`: the gradient of a broadcast operand.
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        // The gradient of a bias: sum the rows of repeats, in row order.
        if target.count <= rank, Array(shape.suffix(target.count)) == target, !target.isEmpty {
            let width = target.reduce(1, *)
            var result = [Float](repeating: 0, count: width)
            if width > 0 {
                scalars.withUnsafeBufferPointer { source in
                    result.withUnsafeMutableBufferPointer { out in
                        RowArithmetic.addRows(of: source.baseAddress!, rows: count / width, width: width, into: out.baseAddress!)
                    }
                }
            }
            return Tensor(shape: target, scalars: result)
        }
        let broadcast = Broadcast(shape, target, operation: "summed(toShape:)")
        require(broadcast.shape == shape, "summed(toShape:): \(target) does not broadcast to \(shape)")
        var result = [Float](repeating: 0, count: target.reduce(1, *))
        scalars.withUnsafeBufferPointer { source in
            broadcast.forEach { index, _, t in result[t] += source[index] }
        }
        return Tensor(shape: target, scalars: result)
    }
}
