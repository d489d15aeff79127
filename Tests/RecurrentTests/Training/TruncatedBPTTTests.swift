import Testing
@testable import Recurrent

@Suite struct TruncatedBPTTTests {
    /// A detached state carries the values into the next chunk but no gradient back out of it:
    /// the second chunk's loss gives the first chunk's input no gradient.
    @Test func detachedStateStopsTheGradientAtTheChunkBoundary() throws {
        var generator = RandomGenerator(seed: 81)
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, generator: &generator)
        let first = Variable(randomTensor([1, 4, 2], seed: 82), requiresGradient: true)
        let second = Variable(randomTensor([1, 4, 2], seed: 83), requiresGradient: true)
        let (_, state) = lstm(first)
        let carried = lstm(second, initialState: state.detached())
        let attached = lstm(second, initialState: state)
        carried.output.sum().backward()
        #expect(first.gradient == nil)
        #expect(carried.output.value == attached.output.value, "the values carry over unchanged")
        attached.output.sum().backward()
        #expect(try #require(first.gradient).norm() > 0)
    }
}
