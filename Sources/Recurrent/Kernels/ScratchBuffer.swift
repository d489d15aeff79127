import Foundation

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
        base = BufferPool.shared.take(Swift.max(count, 1))
        base.update(repeating: 0, count: Swift.max(count, 1))
    }

    /// A copy of `values`.
    init(copying values: [Float]) {
        count = values.count
        base = BufferPool.shared.take(Swift.max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { base.update(from: address, count: count) } else { base.pointee = 0 }
        }
    }

    /// `count` values, left as whatever the memory held: for buffers filled before any read.
    init(uninitialized count: Int) {
        self.count = count
        base = BufferPool.shared.take(Swift.max(count, 1))
    }

    deinit {
        BufferPool.shared.give(base, capacity: Swift.max(count, 1))
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

/// Freed scratch blocks kept for the next pass: a training step allocates the same large
/// buffers every time, and fresh memory from the system costs a page fault per page.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()
    /// Bytes kept at most; beyond it blocks go back to the system.
    private let limit = 512 << 20
    private var kept = 0
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private let lock = NSLock()

    func take(_ capacity: Int) -> UnsafeMutablePointer<Float> {
        lock.lock()
        if let block = free[capacity]?.popLast() {
            kept -= capacity * MemoryLayout<Float>.stride
            lock.unlock()
            return block
        }
        lock.unlock()
        let block = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        block.initialize(repeating: 0, count: capacity)
        return block
    }

    func give(_ block: UnsafeMutablePointer<Float>, capacity: Int) {
        let bytes = capacity * MemoryLayout<Float>.stride
        lock.lock()
        if kept + bytes <= limit {
            free[capacity, default: []].append(block)
            kept += bytes
            lock.unlock()
        } else {
            lock.unlock()
            block.deallocate()
        }
    }
}
