/// One code path for a kernel's vector body and its scalar remainder: `Lanes16` processes
/// sixteen values as one `SIMD16<Float>`, `Lanes8` eight as one `SIMD8<Float>`, `Lanes1` one
/// `Float`, with the same operations in the same order, so a value's result does not depend on
/// which path computed it.
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

/// Lanes held in one SIMD vector of `Float`: loads, stores and arithmetic are the vector's own,
/// so `Lanes8` and `Lanes16` differ only in their width and in which `FastMath` overload they
/// call.
protocol VectorLanes: Lanes where Value: SIMD, Value.Scalar == Float {}

extension VectorLanes {
    static var width: Int { Value.scalarCount }
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
    /// 0 where `value <= 0`, else `value`: as `Swift.max(value, 0)` in `Lanes1`, NaN stays NaN
    /// and −0 becomes +0. (The standard library's `pointwiseMax` gives 0 for a NaN lane.)
    @inline(__always) static func relu(_ value: Value) -> Value { value.replacing(with: Value(), where: value .<= Value()) }
    @inline(__always) static func positiveMask(_ value: Value, _ gradient: Value) -> Value {
        Value().replacing(with: gradient, where: value .> Value())
    }
}

enum Lanes8: VectorLanes {
    typealias Value = SIMD8<Float>
    @inline(__always) static func tanh(_ value: Value) -> Value { FastMath.tanh(value) }
    @inline(__always) static func sigmoid(_ value: Value) -> Value { FastMath.sigmoid(value) }
}

/// Sixteen values as one `SIMD16<Float>`. `Recurrent` is compiled for 256-bit vectors on
/// x86-64 (even where the processor has 512-bit ones), so each operation becomes two, one per
/// 8-wide half (on arm64 four 4-wide quarters; not measured there), which the compiler may
/// schedule side by side. Each lane's operations are those of `Lanes8` and `Lanes1`, so the
/// same bits.
enum Lanes16: VectorLanes {
    typealias Value = SIMD16<Float>
    @inline(__always) static func tanh(_ value: Value) -> Value { FastMath.tanh(value) }
    @inline(__always) static func sigmoid(_ value: Value) -> Value { FastMath.sigmoid(value) }
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

/// The arithmetic a lane type needs; `Float` and the SIMD vectors of `Float` already have it.
protocol LaneArithmetic {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
}

extension Float: LaneArithmetic {}
extension SIMD8: LaneArithmetic where Scalar == Float {}
extension SIMD16: LaneArithmetic where Scalar == Float {}
