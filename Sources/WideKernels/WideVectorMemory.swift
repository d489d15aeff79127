// Sixteen floats read from or written to any address, for every kernel of this module: the
// rows the step kernels walk (gates, states, gradients) and the blocks of `C` the matrix
// kernels update are `Float` rows with no alignment promised, and an unaligned vector access
// costs nothing extra on the processors that run this module. Module-internal.

@inline(__always)
func load(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func store(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
}
