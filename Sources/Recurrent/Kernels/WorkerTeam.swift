import CEngineSupport
import Foundation
import Synchronization

/// The threads the kernels share work with: `size − 1` workers that live as long as the team,
/// and the thread that starts a region. `WorkerTeam.run(parts:_:)` runs one body on every part
/// at once, each with its own `WorkShare`; `TeamBarrier.wait()` holds each part until all have
/// reached it.
///
/// Parts wait by spinning, not sleeping: a recurrent step lasts tens of microseconds, and
/// waking a sleeping thread costs about as much (dispatching each step's product to a
/// `DispatchQueue` made a two-thread LSTM training step about 10% slower than one thread's).
/// A worker that has had no region for half a millisecond sleeps on a semaphore, so an idle
/// engine holds no core; and a spinning part gives its core away now and then, in case the
/// thread it waits for shares it.
///
/// One region runs at a time. A region asked for while another runs (a kernel inside a
/// region, or a second thread using the engine) runs on its calling thread alone, as one part.
final class WorkerTeam: @unchecked Sendable {
    /// Parts of a region: the workers and the calling thread.
    let size: Int
    /// Bumped to start a region (and to stop the workers).
    private let generation = Atomic<Int>(0)
    /// Whether a region is running.
    private let busy = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    /// The running region's body and how many parts take part (the others only check out).
    private var body: ((WorkShare, TeamBarrier) -> Void)?
    private var regionParts = 0
    /// Inside a region, for its `regionParts` parts; at its end, for the whole team.
    private let innerBarrier = SpinBarrier()
    private let endBarrier = SpinBarrier()
    private let workers: [Worker]

    /// A worker's way to sleep, and whether it does.
    private final class Worker: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    /// A team of `size` parts: starts `size − 1` worker threads, which run until `retire()`.
    init(size: Int) {
        precondition(size >= 1, "a team needs at least one part")
        self.size = size
        workers = (1..<size).map { _ in Worker() }
        for (offset, worker) in workers.enumerated() {
            let thread = Thread { [self] in self.serve(as: offset + 1, worker) }
            // The kernels recurse nowhere, but a body may free a tensor graph.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body` on up to `parts` parts at once (at most `Engine.threadCount`), on the shared
    /// team of `Engine.threadCount`; returns when every part has finished.
    static func run(parts: Int, _ body: (WorkShare, TeamBarrier) -> Void) {
        let size = Engine.threadCount
        guard min(parts, size) > 1 else { return body(.whole, TeamBarrier(barrier: nil)) }
        // A team of another size is replaced when it is free; while busy, this region runs alone.
        let team = shared.withLock { team -> WorkerTeam? in
            if let current = team, current.size == size { return current }
            guard team?.claim() ?? true else { return nil }
            team?.retire()
            team = WorkerTeam(size: size)
            return team
        }
        guard let team else { return body(.whole, TeamBarrier(barrier: nil)) }
        team.run(parts: parts, body)
    }

    private static let shared = Mutex<WorkerTeam?>(nil)

    /// Runs `body` on `min(parts, size)` parts of this team at once; returns when every part
    /// has finished. With one part, or while the team is busy with another region, `body`
    /// runs on the calling thread alone with `WorkShare.whole`, and its barriers return at once.
    /// Returns how many parts ran.
    @discardableResult
    func run(parts wanted: Int, _ body: (WorkShare, TeamBarrier) -> Void) -> Int {
        let parts = min(wanted, size)
        guard parts > 1, claim() else {
            body(.whole, TeamBarrier(barrier: nil))
            return 1
        }
        defer { busy.store(false, ordering: .releasing) }
        start(parts: parts, body)
        return parts
    }

    /// Marks the team busy; false if it already was.
    private func claim() -> Bool {
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    private func start(parts: Int, _ body: (WorkShare, TeamBarrier) -> Void) {
        withoutActuallyEscaping(body) { body in
            self.body = body
            regionParts = parts
            innerBarrier.parts = parts
            endBarrier.parts = size
            generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
            for worker in workers where worker.sleeping.load(ordering: .sequentiallyConsistent) {
                worker.wake.signal()
            }
            body(WorkShare(index: 0, count: parts), TeamBarrier(barrier: innerBarrier))
            endBarrier.wait()
            self.body = nil
        }
    }

    /// A worker's life: wait for a region, take part if its index is among the region's parts,
    /// check out at the end barrier.
    private func serve(as index: Int, _ worker: Worker) {
        var seen = 0
        while true {
            seen = waitForRegion(after: seen, worker)
            if stopping.load(ordering: .acquiring) { return }
            if index < regionParts, let body {
                body(WorkShare(index: index, count: regionParts), TeamBarrier(barrier: innerBarrier))
            }
            endBarrier.wait()
        }
    }

    /// Spins until `generation` moves past `seen`, sleeping after half a millisecond of none.
    private func waitForRegion(after seen: Int, _ worker: Worker) -> Int {
        var spinStart = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            engine_spin_pause()
            spins &+= 1
            guard spins % 256 == 0, DispatchTime.now().uptimeNanoseconds - spinStart > 500_000 else { continue }
            // Either `start` sees this flag and signals, or this load sees its new generation.
            worker.sleeping.store(true, ordering: .sequentiallyConsistent)
            if generation.load(ordering: .sequentiallyConsistent) == seen { worker.wake.wait() }
            worker.sleeping.store(false, ordering: .sequentiallyConsistent)
            spinStart = DispatchTime.now().uptimeNanoseconds
        }
    }

    /// Ends the workers; the team runs no region after this. Called when no region runs (the
    /// shared team is claimed first), so every worker is waiting for one.
    func retire() {
        stopping.store(true, ordering: .releasing)
        generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
        for worker in workers { worker.wake.signal() }
    }
}

/// What a region's body calls to wait for the other parts; returns at once outside a team.
struct TeamBarrier {
    fileprivate let barrier: SpinBarrier?

    /// Returns once every part of the region has called it (as often as this part has); what
    /// each part wrote before is then visible to all.
    func wait() { barrier?.wait() }
}

/// A barrier for `parts` threads that spin while they wait.
private final class SpinBarrier: @unchecked Sendable {
    /// Set by the region's starter before any part waits.
    var parts = 1
    private let arrived = Atomic<Int>(0)
    private let phase = Atomic<Int>(0)

    func wait() {
        guard parts > 1 else { return }
        let current = phase.load(ordering: .acquiring)
        // The last to arrive has seen every other part's writes (one chain of read-modify-
        // writes), and publishes them all with the new phase.
        if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == parts {
            arrived.store(0, ordering: .relaxed)
            phase.wrappingAdd(1, ordering: .releasing)
            return
        }
        var spins = 0
        while phase.load(ordering: .acquiring) == current {
            engine_spin_pause()
            spins &+= 1
            // Let another thread have the core now and then: it may be the one awaited.
            if spins % 1024 == 0 { sched_yield() }
        }
    }
}
