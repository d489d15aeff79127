/// A fixed-size block of `Float`s that the kernels address by raw pointer.
///
/// The fused layers work on many arrays at once inside tight loops; holding them as
/// `ScratchBuffer`s keeps those loops free of nested `withUnsafe…` closures and of the
/// copy-on-write checks of `Array`. Memory is freed when the last reference goes.
final class ScratchBuffer {
    let count: Int
    let base: UnsafeMutablePointer<Float>

    /// `count` zeros.
    init(zeros count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: 0, count: Swift.max(count, 1))
    }

    /// A copy of `values`.
    init(copying values: [Float]) {
        count = values.count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: 0, count: Swift.max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { base.update(from: address, count: count) }
        }
    }

    deinit {
        base.deallocate()
    }

    /// The values as an array.
    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The values as a tensor of `shape`.
    func tensor(shape: [Int]) -> Tensor { Tensor(shape: shape, scalars: array) }

    /// Pointer to element `offset`.
    @inline(__always)
    func at(_ offset: Int) -> UnsafeMutablePointer<Float> { base + offset }

    /// Sets every value to zero.
    func zero() { base.update(repeating: 0, count: count) }
}
