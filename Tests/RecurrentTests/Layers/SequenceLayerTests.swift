import Testing
@testable import Recurrent

/// Fused layers and unrolled cells behind one protocol: one loop, no casts, one state type.
@Suite struct SequenceLayerTests {
    /// An RNN, a GRU, a bidirectional two-layer LSTM and three unrolled cells, all reading 3 features.
    static func layers() -> [any SequenceLayer] {
        var generator = RandomGenerator(seed: 81)
        return [
            RNN(inputSize: 3, hiddenSize: 4, generator: &generator),
            GRU(inputSize: 3, hiddenSize: 5, generator: &generator),
            LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator),
            LSTMCell(inputSize: 3, hiddenSize: 6, generator: &generator).unrolled(),
            ElmanCell(inputSize: 3, hiddenSize: 2, generator: &generator).unrolled(),
            PeepholeLSTMCell(inputSize: 3, hiddenSize: 3, variant: .fullGateRecurrence, generator: &generator).unrolled(),
        ]
    }

    @Test func everyLayerRunsInOneLoopWithoutCasts() throws {
        let input = randomTensor([2, 5, 3], seed: 82)
        let lengths = [5, 3]
        var generator = RandomGenerator(seed: 83)
        for layer in Self.layers() {
            let head = Linear(inputSize: layer.outputSize, outputSize: 1, generator: &generator)
            let optimizer = SGD(parameters: layer.parameters + head.parameters, learningRate: 0.1)
            let slots = layer.layerCount * layer.directionCount
            let (output, state) = layer.run(Variable(input), lengths: lengths)
            #expect(output.shape == [2, 5, layer.outputSize])
            #expect(state.hidden.shape == [slots, 2, layer.hiddenSize])
            #expect(state.cell.map { $0.shape == [slots, 2, layer.hiddenSize] } ?? true)
            // The tensor call computes the same thing.
            let plain = layer.run(input, lengths: lengths)
            #expect(plain.output == output.value && plain.state.hidden == state.hidden.value && plain.state.cell == state.cell?.value)
            // And a training step reaches every parameter.
            optimizer.zeroGradients()
            (head(output) * head(output)).sum().backward()
            for parameter in layer.parameters { #expect(parameter.gradient.scalars.contains { $0 != 0 }) }
            optimizer.step()
        }
    }

    /// Two chunks with the state carried between them compute what one pass over both does,
    /// for every layer whose whole state is carried (one direction; no gate-to-gate weights,
    /// whose previous gates start each call at zero).
    @Test func carryingTheStateContinuesTheSequence() {
        var generator = RandomGenerator(seed: 102)
        let layers: [any SequenceLayer] = [
            RNN(inputSize: 3, hiddenSize: 4, generator: &generator),
            LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator),
            LSTMCell(inputSize: 3, hiddenSize: 4, generator: &generator).unrolled(),
            GRUCell(inputSize: 3, hiddenSize: 4, generator: &generator).unrolled(),
            PeepholeLSTMCell(inputSize: 3, hiddenSize: 4, generator: &generator).unrolled(),
            WrittenMemoryCell(inputSize: 3, hiddenSize: 4, design: .pseudo(diffs: [1, 3]), generator: &generator).unrolled(),
        ]
        let whole = randomTensor([2, 7, 3], seed: 84)
        let (first, second) = (RecurrentLayerRunTests.steps(whole, 0..<3), RecurrentLayerRunTests.steps(whole, 3..<7))
        for layer in layers {
            let once = layer.run(whole)
            let rest = layer.run(second, from: layer.run(first).state)
            #expect(largestRelativeError(RecurrentLayerRunTests.steps(once.output, 3..<7), rest.output) < 1e-5)
            #expect(largestRelativeError(once.state.hidden, rest.state.hidden) < 1e-5)
        }
    }

    @Test func unrolledWithoutLengthsIsUnroll() {
        var generator = RandomGenerator(seed: 85)
        let cell = LSTMCell(inputSize: 3, hiddenSize: 4, generator: &generator)
        let input = Variable(randomTensor([2, 6, 3], seed: 86))
        let unrolled = unroll(cell, over: input)
        let layer = cell.unrolled().run(input)
        #expect(layer.output.value == unrolled.output.value)
        #expect(layer.state.hidden.value == unrolled.state.hidden.value.reshaped([1, 2, 4]))
        #expect(layer.state.cell?.value == unrolled.state.cell.value.reshaped([1, 2, 4]))
        #expect(cell.unrolled().hiddenSize == 4 && cell.unrolled().outputSize == 4)
    }

    /// An unrolled `LSTMCell` with the fused LSTM's weights agrees with it on padded
    /// sequences, from a given state: outputs (zeros past each length), final states (each
    /// sequence's own last step; a length of 0 keeps the starting state) and every gradient.
    @Test func unrolledLSTMCellAgreesWithLSTMOnPaddedSequences() throws {
        var generator = RandomGenerator(seed: 87)
        let fused = LSTM(inputSize: 3, hiddenSize: 4, generator: &generator)
        let cell = LSTMCell(inputSize: 3, hiddenSize: 4, generator: &generator)
        for ((_, target), (_, source)) in zip(cell.namedParameters, fused.namedParameters) { target.value = source.value }
        try Self.expectAgreement(fused, cell.unrolled(), hasCell: true)
    }

    @Test func unrolledGRUCellAgreesWithGRUOnPaddedSequences() throws {
        var generator = RandomGenerator(seed: 88)
        let fused = GRU(inputSize: 3, hiddenSize: 4, generator: &generator)
        let cell = GRUCell(inputSize: 3, hiddenSize: 4, generator: &generator)
        for ((_, target), (_, source)) in zip(cell.namedParameters, fused.namedParameters) { target.value = source.value }
        try Self.expectAgreement(fused, cell.unrolled(), hasCell: false)
    }

    static func expectAgreement(_ fused: any SequenceLayer, _ composed: any SequenceLayer, hasCell: Bool) throws {
        let lengths = [6, 3, 0, 1]
        let padded = randomTensor([4, 6, 3], seed: 89)
        let outputWeights = Variable(randomTensor([4, 6, 4], seed: 90))
        let start = RecurrentLayerState(hidden: randomTensor([1, 4, 4], seed: 91), cell: hasCell ? randomTensor([1, 4, 4], seed: 92) : nil)
        func run(_ layer: any SequenceLayer) throws -> (output: Tensor, hidden: Tensor, cell: Tensor?, gradients: [Tensor]) {
            let input = Variable(padded, requiresGradient: true)
            let initial = RecurrentLayerState(hidden: Variable(start.hidden, requiresGradient: true),
                                              cell: start.cell.map { Variable($0, requiresGradient: true) })
            for parameter in layer.parameters { parameter.zeroGradient() }
            let (output, state) = layer.run(input, from: initial, lengths: lengths)
            ((output * outputWeights).sum() + state.hidden.sum() + (state.cell?.sum() ?? state.hidden.sum())).backward()
            let startGradients = try [#require(initial.hidden.gradient)] + (hasCell ? [try #require(initial.cell?.gradient)] : [])
            return (output.value, state.hidden.value, state.cell?.value,
                    layer.parameters.map(\.gradient) + startGradients + [try #require(input.gradient)])
        }
        let (expected, actual) = (try run(fused), try run(composed))
        #expect(largestRelativeError(actual.output, expected.output) < 1e-5)
        #expect(largestRelativeError(actual.hidden, expected.hidden) < 1e-5)
        #expect((actual.cell == nil) == !hasCell)
        if let cell = actual.cell, let expectedCell = expected.cell { #expect(largestRelativeError(cell, expectedCell) < 1e-5) }
        // Padding is exactly zero, and a sequence of length 0 ends where it started.
        for t in 3..<6 { for j in 0..<4 { #expect(actual.output[1, t, j] == 0) } }
        for j in 0..<4 { #expect(actual.hidden[0, 2, j] == start.hidden[0, 2, j]) }
        for (actualGradient, expectedGradient) in zip(actual.gradients, expected.gradients) {
            #expect(largestRelativeError(actualGradient, expectedGradient) < 1e-4)
        }
    }
}
