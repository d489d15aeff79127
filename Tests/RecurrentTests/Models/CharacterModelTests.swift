import Testing
@testable import Recurrent

@Suite struct CharacterModelTests {
    static let periodic = Array(repeating: [0, 1, 2, 1], count: 100).flatMap { $0 }

    static func trainedModel() -> CharacterModel {
        var generator = RandomGenerator(seed: 71)
        let model = CharacterModel(vocabularySize: 3, layer: LSTM(inputSize: 3, hiddenSize: 8, generator: &generator), generator: &generator)
        let optimizer = Adam(parameters: model.parameters, learningRate: 0.05)
        model.train(on: CharacterWindows(text: periodic, windowLength: 8), updates: 150, batchSize: 16, optimizer: optimizer,
                    clipNorm: 1, generator: &generator)
        return model
    }

    /// After 0, 1, 2, 1 comes 0 again: once the model has seen two characters, the next one is
    /// certain (a 1 is followed by 2 or 0 depending on what preceded it).
    @Test func learnsAPeriodicText() {
        let model = Self.trainedModel()
        #expect(model.evaluate(Self.periodic, windowLength: 8) < 0.15)
        var generator = RandomGenerator(seed: 72)
        let sample = model.sample(prime: [0, 1], length: 10, temperature: 0.5, generator: &generator)
        #expect(sample == [2, 1, 0, 1, 2, 1, 0, 1, 2, 1])
    }

    @Test func evaluateIsTheMeanLossOverWholeWindows() {
        var generator = RandomGenerator(seed: 73)
        let model = CharacterModel(vocabularySize: 3, layer: GRU(inputSize: 3, hiddenSize: 4, generator: &generator), generator: &generator)
        let text = (0..<53).map { _ in generator.integer(in: 0..<3) }
        // Windows of 10 over 53 characters: 5 whole windows (52 = 5 · 10 + 2 left over).
        let inputs = (0..<5).map { Array(text[($0 * 10)..<($0 * 10 + 10)]) }
        let targets = (0..<5).map { Array(text[($0 * 10 + 1)...($0 * 10 + 10)]) }
        let direct = Double(model.loss(inputs: inputs, targets: targets).value.scalars[0])
        #expect(abs(model.evaluate(text, windowLength: 10, batchSize: 2) - direct) < 1e-6)
    }

    /// The same LSTM as a fused layer and as a composed cell gives the same logits.
    @Test func cellCoreMatchesFusedCore() {
        var first = RandomGenerator(seed: 74), second = RandomGenerator(seed: 74)
        let fused = CharacterModel(vocabularySize: 5, layer: LSTM(inputSize: 5, hiddenSize: 6, generator: &first), generator: &first)
        let cell = LSTMCell(inputSize: 5, hiddenSize: 6, generator: &second)
        let composed = CharacterModel(vocabularySize: 5, cell: cell, hiddenSize: 6, generator: &second)
        #expect(composed.namedParameters.map(\.name) == ["core.weight_ih", "core.weight_hh", "core.bias_ih", "core.bias_hh", "readout.weight", "readout.bias"])
        #expect(fused.parameterCount == composed.parameterCount)
        for (target, source) in zip(composed.parameters, fused.parameters) { target.value = source.value }
        let inputs = [[0, 1, 2, 3, 4], [4, 4, 0, 1, 1]]
        let difference = (fused.logits(inputs).value - composed.logits(inputs).value).scalars.map(abs).max()!
        #expect(difference < 1e-5)
    }

    @Test func windowsAreSeededAndShifted() {
        let windows = CharacterWindows(text: Array(0..<100), windowLength: 7)
        var first = RandomGenerator(seed: 75), second = RandomGenerator(seed: 75)
        let batch = windows.batch(size: 4, generator: &first)
        #expect(batch.inputs == windows.batch(size: 4, generator: &second).inputs)
        for (input, target) in zip(batch.inputs, batch.targets) {
            #expect(input.count == 7 && target == input.map { $0 + 1 })
        }
    }
}

@Suite struct CharacterModelEmbeddingTests {
    /// With an embedding the core reads learned vectors; a mutated GRU, whose input must be
    /// hidden-sized, fits behind one, and gradients reach the table.
    @Test func embeddingFeedsCellsThatNeedHiddenSizedInputs() {
        var generator = RandomGenerator(seed: 77)
        let cell = MutatedCell(inputSize: 6, hiddenSize: 6, architecture: .mut1, generator: &generator)
        let model = CharacterModel(vocabularySize: 4, embeddingSize: 6, cell: cell, hiddenSize: 6, generator: &generator)
        #expect(model.namedParameters.first?.name == "embedding.weight")
        let loss = model.loss(inputs: [[0, 1, 2], [3, 3, 0]], targets: [[1, 2, -1], [3, 0, 1]])
        loss.backward()
        #expect(model.embedding!.weight.gradient.scalars.contains { $0 != 0 })
        // A masked target changes nothing: the same loss as scoring the other five alone.
        let unmasked = model.loss(inputs: [[0, 1, 2], [3, 3, 0]], targets: [[1, 2, 0], [3, 0, 1]])
        #expect(loss.value.scalars[0] != unmasked.value.scalars[0])
    }

    @Test func sampleWorksThroughAnEmbedding() {
        var generator = RandomGenerator(seed: 78)
        let model = CharacterModel(vocabularySize: 5, embeddingSize: 3,
                                   layer: GRU(inputSize: 3, hiddenSize: 4, generator: &generator), generator: &generator)
        let sample = model.sample(prime: [1, 2], length: 6, temperature: 1, generator: &generator)
        #expect(sample.count == 6 && sample.allSatisfy { (0..<5).contains($0) })
    }
}
