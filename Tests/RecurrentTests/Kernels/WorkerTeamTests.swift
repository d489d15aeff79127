import Foundation
import Synchronization
import CEngineSupport
import Testing
@testable import Recurrent

/// The engine's threads: how work is shared out, and that a region's parts really run at once
/// and wait for each other where they must.
@Suite struct WorkerTeamTests {
    /// The slices of every part, in order, are the whole range, each once, their bounds at
    /// multiples of the alignment; with more parts than aligned units, the extra parts get none.
    @Test func slicesCoverTheRangeInOrder() {
        for total in 0...70 {
            for count in 1...5 {
                for alignment in [1, 8, 16] {
                    let slices = (0..<count).map { WorkShare(index: $0, count: count).slice(of: total, alignment: alignment) }
                    #expect(slices.flatMap { Array($0) } == Array(0..<total), "total \(total) count \(count) alignment \(alignment)")
                    for slice in slices.dropLast() where !slice.isEmpty {
                        #expect(slice.upperBound % alignment == 0 || slice.upperBound == total)
                    }
                    let units = (total + alignment - 1) / alignment
                    #expect(slices.filter { !$0.isEmpty }.count == min(count, units))
                }
            }
        }
    }

    /// Every part runs once per region, each with its own index; at each barrier every part
    /// sees what every other wrote before it — over many rounds, so that a barrier letting a
    /// part through early would be caught.
    @Test(arguments: [2, 3])
    func partsMeetAtEachBarrier(size: Int) {
        let team = WorkerTeam(size: size)
        defer { team.retire() }
        let rounds = 2000
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        defer { slots.deallocate() }
        let mismatches = Atomic<Int>(0)
        let indices = Mutex<[Int]>([])
        let parts = team.run(parts: size) { share, barrier in
            indices.withLock { $0.append(share.count == size ? share.index : -1) }
            for round in 0..<rounds {
                slots[share.index] = round
                barrier.wait()
                for other in 0..<size where slots[other] != round { mismatches.wrappingAdd(1, ordering: .relaxed) }
                barrier.wait()
            }
        }
        #expect(parts == size)
        #expect(indices.withLock { $0.sorted() } == Array(0..<size))
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }

    /// A region asked for inside a region (a kernel called from a part) runs on its caller
    /// alone, as the whole, rather than waiting for the busy team.
    @Test func aRegionInsideARegionRunsAlone() {
        let team = WorkerTeam(size: 2)
        defer { team.retire() }
        let inner = Mutex<[Int]>([])
        team.run(parts: 2) { _, _ in
            let innerCount = Mutex(0)
            let ran = team.run(parts: 2) { innerShare, barrier in
                barrier.wait()
                innerCount.withLock { $0 = innerShare.count }
            }
            inner.withLock { $0.append(ran * 10 + innerCount.withLock { $0 }) }
        }
        // Each part's inner region ran as one part of one.
        #expect(inner.withLock { $0 } == [11, 11])
    }

    /// A worker left idle long enough to fall asleep wakes for the next region.
    @Test func anIdleWorkerWakesForTheNextRegion() {
        let team = WorkerTeam(size: 2)
        defer { team.retire() }
        for _ in 0..<3 {
            let count = Atomic<Int>(0)
            #expect(team.run(parts: 2) { _, _ in count.wrappingAdd(1, ordering: .relaxed) } == 2)
            #expect(count.load(ordering: .relaxed) == 2)
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    /// Fewer parts than the team has: the other workers sit the region out.
    @Test func aRegionMayUseFewerPartsThanTheTeam() {
        let team = WorkerTeam(size: 3)
        defer { team.retire() }
        let seen = Mutex<[WorkShare]>([])
        #expect(team.run(parts: 2) { share, barrier in
            barrier.wait()
            seen.withLock { $0.append(share) }
        } == 2)
        #expect(seen.withLock { $0.map(\.index).sorted() } == [0, 1])
        #expect(seen.withLock { $0.allSatisfy { $0.count == 2 } })
    }

    /// Regions of pieces: every piece runs exactly once per region, with its own index and the
    /// region's count, over many regions in a row and between regions of parts (whose workers
    /// must all still turn up), whatever the team's size.
    @Test(arguments: [2, 3, 4])
    func everyPieceRunsOnceInEveryRegion(size: Int) {
        let team = WorkerTeam(size: size)
        defer { team.retire() }
        for region in 0..<3000 {
            let pieces = 2 + region % 13
            let runs = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: pieces)
            for piece in 0..<pieces { (runs + piece).initialize(to: Atomic(0)) }
            defer { runs.deallocate() }
            let wrongCounts = Atomic<Int>(0)
            team.run(pieces: pieces) { share in
                if share.count != pieces { wrongCounts.wrappingAdd(1, ordering: .relaxed) }
                runs[share.index].wrappingAdd(1, ordering: .relaxed)
            }
            let counts = (0..<pieces).map { runs[$0].load(ordering: .relaxed) }
            #expect(counts == Array(repeating: 1, count: pieces), "region \(region)")
            #expect(wrongCounts.load(ordering: .relaxed) == 0)
            if region % 7 == 0 {
                #expect(team.run(parts: size) { _, barrier in barrier.wait() } == size)
            }
        }
    }

    /// A worker that stalls holding a piece (its core taken by another program) costs only
    /// that piece: the calling thread takes every other piece, the worker's own range
    /// included, instead of waiting for the worker's half as a region of parts must.
    @Test func aStalledWorkerHoldsUpOnlyThePieceItTook() {
        let team = WorkerTeam(size: 2)
        defer { team.retire() }
        let caller = Thread.current
        let pieces = 8
        let ranByCaller = Atomic<Int>(0)
        let stalled = Atomic<Int>(0)
        team.run(pieces: pieces) { share in
            if Thread.current == caller {
                ranByCaller.wrappingAdd(1, ordering: .relaxed)
            } else if stalled.wrappingAdd(1, ordering: .relaxed).newValue == 1 {
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        // The worker may not have woken in time to take any piece at all.
        #expect(ranByCaller.load(ordering: .relaxed) >= pieces - 1)
        #expect(ranByCaller.load(ordering: .relaxed) + stalled.load(ordering: .relaxed) == pieces)
    }

    /// With no worker free (the team busy), a region of pieces runs on its caller as the whole.
    @Test func piecesInsideARegionRunAsTheWhole() {
        let team = WorkerTeam(size: 2)
        defer { team.retire() }
        let inner = Mutex<[Int]>([])
        team.run(pieces: 2) { _ in
            team.run(pieces: 4) { share in inner.withLock { $0.append(share.count) } }
        }
        #expect(inner.withLock { $0 } == [1, 1])
    }

    /// Claim words: the owner takes its range from the front in order, another thread from the
    /// back; an empty range, or a claim made under another region's tag, takes nothing.
    @Test func claimWordsHandOutEachPieceOnce() {
        let word = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        defer { word.deallocate() }
        engine_claims_open(word, 7, 3, 7)
        #expect(engine_claim_front(word, 6) == -1)
        #expect(engine_claim_back(word, 8) == -1)
        #expect(engine_claim_front(word, 7) == 3)
        #expect(engine_claim_back(word, 7) == 6)
        #expect(engine_claim_front(word, 7) == 4)
        #expect(engine_claim_back(word, 7) == 5)
        #expect(engine_claim_front(word, 7) == -1)
        #expect(engine_claim_back(word, 7) == -1)
        engine_claims_open(word, 8, 0, 65535)
        #expect(engine_claim_back(word, 8) == 65534)
    }
}
