import Foundation

/// Element-wise arithmetic on tensors, with NumPy broadcasting (see `Broadcast`).
extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, operation: "+", +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, operation: "-", -) }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, operation: "*", *) }
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.broadcasting(rhs, operation: "/", /) }

    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 / rhs } }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

    public static func += (lhs: inout Tensor, rhs: Tensor) {
        if lhs.shape == rhs.shape {
            lhs.scalars.withUnsafeMutableBufferPointer { target in
                rhs.scalars.withUnsafeBufferPointer { source in
                    for index in target.indices { target[index] += source[index] }
                }
            }
        } else if rhs.rank <= lhs.rank, Array(lhs.shape.suffix(rhs.rank)) == rhs.shape, rhs.count > 0 {
            // A bias: add it to every row, in place.
            let width = rhs.count
            lhs.scalars.withUnsafeMutableBufferPointer { target in
                rhs.scalars.withUnsafeBufferPointer { source in
                    RowArithmetic.add(source.baseAddress!, toEveryRowOf: target.baseAddress!, rows: target.count / width, width: width)
                }
            }
        } else {
            let result = lhs + rhs
            require(result.shape == lhs.shape, "+=: cannot add shape \(rhs.shape) into \(lhs.shape)")
            lhs = result
        }
    }

    /// `transform` applied to every value, same shape.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }

    /// The sum of all values, accumulated in `Double` in row-major order.
    public func sum() -> Float {
        Float(scalars.reduce(0.0) { $0 + Double($1) })
    }

    /// The mean of all values.
    public func mean() -> Float {
        count == 0 ? .nan : Float(scalars.reduce(0.0) { $0 + Double($1) } / Double(count))
    }

    /// The Euclidean norm of all values, accumulated in `Double`.
    public func norm() -> Float {
        Float(scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    }

    /// The largest value (NaN if any value is NaN).
    public func max() -> Float {
        scalars.reduce(-Float.infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
    }
}
