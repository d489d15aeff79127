import Testing
@testable import Recurrent

@Suite struct RandomGeneratorTests {
    @Test func sameSeedSameStream() {
        var first = RandomGenerator(seed: 42)
        var second = RandomGenerator(seed: 42)
        #expect((0..<100).map { _ in first.next() } == (0..<100).map { _ in second.next() })
    }

    @Test func differentSeedsDiffer() {
        var first = RandomGenerator(seed: 1)
        var second = RandomGenerator(seed: 2)
        #expect((0..<4).map { _ in first.next() } != (0..<4).map { _ in second.next() })
    }

    /// Pins the stream: a change to the algorithm changes every lesson's numbers, so it must
    /// be deliberate. Reference: xoshiro256** over SplitMix64(0), as published by Vigna.
    @Test func streamIsPinned() {
        var generator = RandomGenerator(seed: 0)
        #expect(generator.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func uniformStaysInRange() {
        var generator = RandomGenerator(seed: 7)
        let values = (0..<10_000).map { _ in generator.uniform(-0.5, 0.5) }
        #expect(values.allSatisfy { $0 >= -0.5 && $0 < 0.5 })
        let mean = values.reduce(0, +) / Float(values.count)
        #expect(abs(mean) < 0.02)
    }

    @Test func integersCoverTheirRangeOnly() {
        var generator = RandomGenerator(seed: 3)
        let values = Set((0..<1_000).map { _ in generator.integer(in: 2...5) })
        #expect(values == [2, 3, 4, 5])
    }

    @Test func normalHasUnitVariance() {
        var generator = RandomGenerator(seed: 11)
        let values = (0..<20_000).map { _ in Double(generator.normal()) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func shuffleIsAPermutationAndSeeded() {
        var first = RandomGenerator(seed: 5)
        var second = RandomGenerator(seed: 5)
        let shuffled = first.shuffled(Array(0..<50))
        #expect(shuffled.sorted() == Array(0..<50))
        #expect(shuffled != Array(0..<50))
        #expect(shuffled == second.shuffled(Array(0..<50)))
    }
}

@Suite struct CategoricalTests {
    @Test func drawsInProportionToTheWeights() {
        var generator = RandomGenerator(seed: 76)
        var counts = [0, 0, 0, 0]
        for _ in 0..<40_000 { counts[generator.categorical([1, 0, 3, 4])] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[0]) / 40_000 - 0.125) < 0.01)
        #expect(abs(Double(counts[2]) / 40_000 - 0.375) < 0.01)
        #expect(abs(Double(counts[3]) / 40_000 - 0.5) < 0.01)
    }
}
