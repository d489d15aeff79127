import CEngineSupport
import Foundation
import Synchronization

/// The threads the kernels share work with: `size − 1` workers that live as long as the team,
/// and the thread that starts a region. A region takes one of two forms:
///
/// - `WorkerTeam.run(pieces:_:)` cuts the work into pieces — more than there are threads —
///   that any thread may take: each part owns a consecutive range of pieces and takes them in
///   order, then takes what is left at the back of the others' ranges. The calling thread
///   waits only for pieces that were taken, never for a worker to turn up: a worker whose
///   core is busy with another program (or whose virtual processor the hypervisor has lent
///   away) costs at most the piece it holds, where a fixed half made every region wait for
///   it. With both cores free each part runs its own range, so a product's tiles mostly
///   stay with the thread that packed them, as with fixed halves.
/// - `WorkerTeam.run(parts:_:)` runs one body on every part at once, each with its own
///   `WorkShare`, for work whose parts meet at `TeamBarrier.wait()` (the backward pass); it
///   ends when every part has checked out.
///
/// Parts wait by spinning, not sleeping: a recurrent step lasts tens of microseconds, and
/// waking a sleeping thread costs about as much (dispatching each step's product to a
/// `DispatchQueue` made a two-thread LSTM training step about 10% slower than one thread's).
/// A worker that has had no region for `sleepAfterNanoseconds` sleeps on a semaphore, so an
/// idle engine holds no core; and a spinning part gives its core away now and then, in case
/// the thread it waits for shares it.
///
/// One region runs at a time. A region asked for while another runs (a kernel inside a
/// region, or a second thread using the engine) runs on its calling thread alone, as one part.
final class WorkerTeam: @unchecked Sendable {
    /// Parts of a region: the workers and the calling thread.
    let size: Int
    /// Raised by 2 to start a region (and to stop the workers): odd for a region of pieces,
    /// even for one of parts.
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
    /// The running region of pieces: its body, how many pieces, how many have finished.
    private var pieceBody: ((WorkShare) -> Void)?
    private var regionPieces = 0
    private let piecesDone = Atomic<Int>(0)
    /// Each part's claim word (`engine_claim_front`), `claimStride` bytes apart so that no two
    /// share a cache line.
    private let claimWords: UnsafeMutableRawPointer
    private static let claimStride = 128
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
        claimWords = .allocate(byteCount: size * Self.claimStride, alignment: Self.claimStride)
        workers = (1..<size).map { _ in Worker() }
        for part in 0..<size { engine_claims_open(claimWord(part), 0, 0, 0) }
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
        // A team of another size is replaced when it is free; while busy, this region runs alone.
        guard min(parts, Engine.threadCount) > 1, let team = sharedTeam() else {
            return body(.whole, TeamBarrier(barrier: nil))
        }
        team.run(parts: parts, body)
    }

    /// Runs `body` once for every piece `WorkShare(index: i, count: pieces)`, `i < pieces`,
    /// each on whichever thread of the shared team takes it first; returns when all have
    /// finished. With one thread, one piece, or the team busy, runs `body(.whole)` instead:
    /// the pieces' slices tile the whole, so a kernel that computes each output in one piece
    /// gives the same bits either way.
    static func run(pieces: Int, _ body: (WorkShare) -> Void) {
        guard pieces > 1, Engine.threadCount > 1, let team = sharedTeam() else { return body(.whole) }
        team.run(pieces: pieces, body)
    }

    /// How many pieces to cut `units` independent units of work into (whole row panels, column
    /// tiles, runs of sequences): `piecesPerThread` per thread, or one per unit if fewer.
    static func pieces(splitting units: Int) -> Int {
        max(1, min(units, piecesPerThread * Engine.threadCount))
    }

    /// Pieces per thread: enough that a thread that stalls holds little of a region, few
    /// enough that each piece is still a long run of a kernel. Measured on an AMD EPYC
    /// (Zen 3, 8-wide kernel), two threads, the ways alternating in one process, against fixed
    /// halves, by medians: 512³ products level to 8% faster with both cores free and 21–104%
    /// faster with a busy loop on the second core (four launches); 32 × 128 · 128 × 512 from 3%
    /// faster to 7% slower; training steps level. Eight per thread: 512³ up to 14% faster,
    /// the small product 2–15% slower.
    static let piecesPerThread = 4

    /// The shared team, of `Engine.threadCount` parts; nil while it is busy and must be
    /// replaced (its size changed).
    private static func sharedTeam() -> WorkerTeam? {
        let size = Engine.threadCount
        return shared.withLock { team -> WorkerTeam? in
            if let current = team, current.size == size { return current }
            guard team?.claim() ?? true else { return nil }
            team?.retire()
            team = WorkerTeam(size: size)
            return team
        }
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

    /// Runs `body` on each of `pieces` pieces, on whichever part of this team takes it; returns
    /// when every piece has finished. Runs `body(.whole)` on the calling thread alone while the
    /// team is busy with another region.
    func run(pieces: Int, _ body: (WorkShare) -> Void) {
        precondition(pieces < 1 << 16, "a claim word holds fewer than 2^16 pieces")
        guard pieces > 1, claim() else { return body(.whole) }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            pieceBody = body
            regionPieces = pieces
            piecesDone.store(0, ordering: .relaxed)
            let region = nextGeneration(ofPieces: true)
            let tag = Self.tag(region)
            for part in 0..<size {
                let range = WorkShare(index: part, count: size).slice(of: pieces)
                engine_claims_open(claimWord(part), tag, range.lowerBound, range.upperBound)
            }
            startRegion(region)
            takePieces(as: 0, tag: tag)
            // Only pieces another part has taken are left to wait for.
            spin { piecesDone.load(ordering: .acquiring) == pieces }
            pieceBody = nil
        }
    }

    /// Takes pieces of the region tagged `tag` — this part's own range from the front, then
    /// the others' from the back — and runs each, until none is left.
    private func takePieces(as part: Int, tag: UInt32) {
        while let piece = claimPiece(as: part, tag: tag) {
            // A piece taken is a region still running: its body and count stay put until the
            // piece is done.
            pieceBody!(WorkShare(index: piece, count: regionPieces))
            piecesDone.wrappingAdd(1, ordering: .releasing)
        }
    }

    private func claimPiece(as part: Int, tag: UInt32) -> Int? {
        let own = engine_claim_front(claimWord(part), tag)
        if own >= 0 { return own }
        for offset in 1..<size {
            let other = engine_claim_back(claimWord((part + offset) % size), tag)
            if other >= 0 { return other }
        }
        return nil
    }

    private func claimWord(_ part: Int) -> UnsafeMutablePointer<UInt64> {
        (claimWords + part * Self.claimStride).assumingMemoryBound(to: UInt64.self)
    }

    /// The generation after the current one: odd for a region of pieces, even otherwise.
    /// Only the thread holding the team (or retiring it) raises the generation.
    private func nextGeneration(ofPieces pieces: Bool) -> Int {
        (generation.load(ordering: .relaxed) | 1) + (pieces ? 2 : 1)
    }

    /// The claim-word tag of a region of pieces: its generation's low 32 bits above the odd bit.
    private static func tag(_ region: Int) -> UInt32 { UInt32(truncatingIfNeeded: region >> 1) }

    /// Publishes `region` (what the workers read before it is set before this) and wakes the
    /// workers that sleep.
    private func startRegion(_ region: Int) {
        generation.store(region, ordering: .sequentiallyConsistent)
        for worker in workers where worker.sleeping.load(ordering: .sequentiallyConsistent) {
            worker.wake.signal()
        }
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
            startRegion(nextGeneration(ofPieces: false))
            body(WorkShare(index: 0, count: parts), TeamBarrier(barrier: innerBarrier))
            endBarrier.wait()
            self.body = nil
        }
    }

    /// A worker's life: wait for a region; take pieces of a region of pieces while any are
    /// left; in a region of parts, take part if its index is among the region's parts and
    /// check out at the end barrier (a region of parts cannot end without every worker, so
    /// none is missed).
    private func serve(as index: Int, _ worker: Worker) {
        var seen = 0
        while true {
            seen = waitForRegion(after: seen, worker)
            if stopping.load(ordering: .acquiring) { return }
            if seen & 1 == 1 {
                takePieces(as: index, tag: Self.tag(seen))
                continue
            }
            if index < regionParts, let body {
                body(WorkShare(index: index, count: regionParts), TeamBarrier(barrier: innerBarrier))
            }
            endBarrier.wait()
        }
    }

    /// How long a worker spins for a region before it sleeps: 50 µs. A thread that sleeps is
    /// run promptly when woken, even on a core another program keeps busy (the scheduler
    /// favours threads that have slept — a reading of the timings, not observed directly),
    /// while a thread that spins takes turns with that program in slices of milliseconds.
    /// Measured on an AMD EPYC (Zen 3), two threads, 500 µs and 50 µs alternating in one
    /// process: with a busy loop on the second core, 512³ products 42–66% faster (medians
    /// 6.6 → 4.0 and 6.8 → 4.8 ms) and the h128 LSTM step 2–11%; with both cores free, level
    /// (512³, 32 × 128 · 128 × 512, and the LSTM h128, GRU h128 and LSTM h256 steps, each
    /// within 3%).
    private static let sleepAfterNanoseconds: UInt64 = 50_000

    /// Spins until `generation` moves past `seen`, sleeping after `sleepAfterNanoseconds` of
    /// none.
    private func waitForRegion(after seen: Int, _ worker: Worker) -> Int {
        var spinStart = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            engine_spin_pause()
            spins &+= 1
            guard spins % 256 == 0, DispatchTime.now().uptimeNanoseconds - spinStart > Self.sleepAfterNanoseconds
            else { continue }
            // Either `start` sees this flag and signals, or this load sees its new generation.
            worker.sleeping.store(true, ordering: .sequentiallyConsistent)
            if generation.load(ordering: .sequentiallyConsistent) == seen { worker.wake.wait() }
            worker.sleeping.store(false, ordering: .sequentiallyConsistent)
            spinStart = DispatchTime.now().uptimeNanoseconds
        }
    }

    deinit {
        claimWords.deallocate()
    }

    /// Ends the workers; the team runs no region after this. Called when no region runs (the
    /// shared team is claimed first), so every worker is waiting for one.
    func retire() {
        stopping.store(true, ordering: .releasing)
        generation.store(nextGeneration(ofPieces: false), ordering: .sequentiallyConsistent)
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
        spin { phase.load(ordering: .acquiring) != current }
    }
}

/// Spins until `done()`, letting another thread have the core now and then: it may be the
/// one awaited.
@inline(__always)
private func spin(until done: () -> Bool) {
    var spins = 0
    while !done() {
        engine_spin_pause()
        spins &+= 1
        if spins % 1024 == 0 { sched_yield() }
    }
}
