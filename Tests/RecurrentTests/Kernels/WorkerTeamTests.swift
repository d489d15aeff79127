import Foundation
import Synchronization
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
}
