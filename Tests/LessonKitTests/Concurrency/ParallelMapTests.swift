import Foundation
import Testing
@testable import LessonKit

@Suite struct ParallelMapTests {
    @Test func keepsTheOrderOfTheElements() {
        let input = Array(0..<200)
        let output = input.parallelMap { value -> Int in
            // Uneven work so that later elements can finish first.
            var sum = 0
            for step in 0..<((200 - value) * 500) { sum &+= step }
            return value * 2 + (sum == -1 ? 1 : 0)
        }
        #expect(output == input.map { $0 * 2 })
    }

    @Test func handlesEmptyAndSingleInputs() {
        #expect(([] as [Int]).parallelMap { $0 + 1 } == [])
        #expect([41].parallelMap { $0 + 1 } == [42])
    }
}

@Suite struct ParallelMapStackTests {
    static func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }

    /// A worker may recurse deeply: here 100,000 frames, far beyond a dispatch queue's 512 KB
    /// stack, where this test crashes.
    @Test func workersHaveLargeStacks() {
        #expect([100_000, 100_001].parallelMap { Self.depth($0) } == [100_000, 100_001])
    }
}
