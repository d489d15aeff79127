/// One code path for a kernel's vector body and its scalar remainder: `Lanes8` processes eight
/// values as one `SIMD8<Float>`, `Lanes1` one `Float`, with the same operations in the same
/// order, so a value's result does not depend on which path computed it.
protocol Lanes {
    associatedtype Value: LaneArithmetic
    /// How many values one `Value` holds.
    static var width: Int { get }
    static func load(_ pointer: UnsafePointer<Float>) -> Value
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> Value
    static func store(_ value: Value, _ pointer: UnsafeMutablePointer<Float>)
    static func splat(_ value: Float) -> Value
    /// `a * b + c`, rounded once.
    static func fma(_ a: Value, _ b: Value, _ c: Value) -> Value
    static func tanh(_ value: Value) -> Value
    static func sigmoid(_ value: Value) -> Value
    static func relu(_ value: Value) -> Value
    /// `gradient` where `value > 0`, else 0.
    static func positiveMask(_ value: Value, _ gradient: Value) -> Value
}

enum Lanes8: Lanes {
    typealias Value = SIMD8<Float>
    static var width: Int { 8 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Value {
        UnsafeRawPointer(pointer).loadUnaligned(as: Value.self)
    }
    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Float>) -> Value {
        UnsafeRawPointer(pointer).loadUnaligned(as: Value.self)
    }
    @inline(__always) static func store(_ value: Value, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Value.self)
    }
    @inline(__always) static func splat(_ value: Float) -> Value { Value(repeating: value) }
    @inline(__always) static func fma(_ a: Value, _ b: Value, _ c: Value) -> Value { c.addingProduct(a, b) }
    @inline(__always) static func tanh(_ value: Value) -> Value { FastMath.tanh(value) }
    @inline(__always) static func sigmoid(_ value: Value) -> Value { FastMath.sigmoid(value) }
    @inline(__always) static func relu(_ value: Value) -> Value { pointwiseMax(value, Value()) }
    @inline(__always) static func positiveMask(_ value: Value, _ gradient: Value) -> Value {
        Value().replacing(with: gradient, where: value .> Value())
    }
}

enum Lanes1: Lanes {
    typealias Value = Float
    static var width: Int { 1 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Value { pointer.pointee }
    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Float>) -> Value { pointer.pointee }
    @inline(__always) static func store(_ value: Value, _ pointer: UnsafeMutablePointer<Float>) { pointer.pointee = value }
    @inline(__always) static func splat(_ value: Float) -> Value { value }
    @inline(__always) static func fma(_ a: Value, _ b: Value, _ c: Value) -> Value { c.addingProduct(a, b) }
    @inline(__always) static func tanh(_ value: Value) -> Value { FastMath.tanh(value) }
    @inline(__always) static func sigmoid(_ value: Value) -> Value { FastMath.sigmoid(value) }
    @inline(__always) static func relu(_ value: Value) -> Value { Swift.max(value, 0) }
    @inline(__always) static func positiveMask(_ value: Value, _ gradient: Value) -> Value { value > 0 ? gradient : 0 }
}

/// The arithmetic a lane type needs; `Float` and `SIMD8<Float>` already have it.
protocol LaneArithmetic {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
}

extension Float: LaneArithmetic {}
extension SIMD8: LaneArithmetic where Scalar == Float {}
