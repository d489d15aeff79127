import Foundation

extension Array where Element: Sendable {
    /// `map`, with the elements shared out over the machine's cores.
    ///
    ///     let accuracies = [1, 2, 3, 4, 5].parallelMap { seed in train(seed: UInt64(seed)) }
    ///
    /// Meant for independent runs such as seeds or grid points: each call of `transform`
    /// must build its own models and random generators and touch no shared mutable state.
    /// Results come back in the order of the elements, and each depends only on its element,
    /// so the output is the same bits however the calls are scheduled. Print, `record` and
    /// `expect` after the map, not inside it, so that the page's output keeps its order.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<Result>(count: count)
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(transform(elements[index]), at: index)
        }
        return results.values
    }
}

/// One slot per result, written by different threads at different indices.
private final class ResultSlots<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result] { slots.map { $0! } }
}
