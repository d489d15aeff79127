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
    ///
    /// The workers are threads with a main thread's stack (64 MB), not the small stacks of a
    /// dispatch queue: freeing the graph of a long unrolled sequence recurses deeply.
    public func parallelMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let work = SharedWork<Element, Result>(elements: self)
        let workerCount = Swift.min(count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))
        let done = DispatchGroup()
        for _ in 0..<workerCount {
            done.enter()
            let thread = Thread {
                while let index = work.nextIndex() {
                    work.store(transform(work.elements[index]), at: index)
                }
                done.leave()
            }
            thread.stackSize = 64 << 20
            thread.start()
        }
        done.wait()
        return work.results
    }
}

/// The elements, the next one to hand out, and one result slot per element.
private final class SharedWork<Element: Sendable, Result>: @unchecked Sendable {
    let elements: [Element]
    private var next = 0
    private var slots: [Result?]
    private let lock = NSLock()

    init(elements: [Element]) {
        self.elements = elements
        slots = Array(repeating: nil, count: elements.count)
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < elements.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var results: [Result] { slots.map { $0! } }
}
