import Foundation

/// A character-level language model: each character one-hot (or, with `embeddingSize`, a
/// learned vector), a recurrent core, and a linear read-out giving the logits of the next
/// character at every step.
///
///     let model = CharacterModel(vocabularySize: 65, layer: LSTM(inputSize: 65, hiddenSize: 128, generator: &g), generator: &g)
///     let loss = model.loss(inputs: batch.inputs, targets: batch.targets)   // nats per character
///
/// The core is a fused layer (`RNN`, `GRU`, `LSTM`, `VariantLSTM`, …) or any `RecurrentCell`
/// unrolled by the tape, so lessons can compare built-in and hand-written cells on the same
/// task with the same code around them.
public final class CharacterModel: ParameterContainer {
    public let vocabularySize: Int
    /// Features of the core's output at each step.
    public let hiddenSize: Int
    /// `[vocabularySize, hiddenSize]` weights and bias of the read-out.
    public let readout: Linear
    /// The fused layer, when the core is one: sampling runs it one step at a time.
    public let layer: RecurrentLayer?
    /// The input vectors, when the model learns them instead of reading one-hot characters.
    public let embedding: Embedding?
    private let coreParameters: [(name: String, parameter: Parameter)]
    /// `[batch, time, inputSize]` inputs to `[batch, time, hiddenSize]` outputs.
    private let core: (Variable) -> Variable

    /// A model around a fused layer. The layer reads one-hot characters (input size
    /// `vocabularySize`) or, with `embeddingSize`, learned vectors of that size.
    public init(vocabularySize: Int, embeddingSize: Int? = nil, layer: RecurrentLayer, generator: inout RandomGenerator) {
        require(layer.inputSize == (embeddingSize ?? vocabularySize),
                "CharacterModel: the layer reads \(layer.inputSize) features, its inputs have \(embeddingSize ?? vocabularySize)")
        self.vocabularySize = vocabularySize
        hiddenSize = layer.hiddenSize * layer.directionCount
        self.layer = layer
        coreParameters = layer.namedParameters
        core = { layer.run($0).output }
        embedding = embeddingSize.map { Embedding(count: vocabularySize, dimension: $0, generator: &generator) }
        readout = Linear(inputSize: hiddenSize, outputSize: vocabularySize, generator: &generator)
    }

    /// A model around a cell written with differentiable operations, unrolled over each window;
    /// inputs as for the fused layer.
    public init<Cell: RecurrentCell>(
        vocabularySize: Int, embeddingSize: Int? = nil, cell: Cell, hiddenSize: Int, generator: inout RandomGenerator
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        layer = nil
        coreParameters = cell.namedParameters
        core = { unroll(cell, over: $0).output }
        embedding = embeddingSize.map { Embedding(count: vocabularySize, dimension: $0, generator: &generator) }
        readout = Linear(inputSize: hiddenSize, outputSize: vocabularySize, generator: &generator)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        (embedding?.namedParameters.map { ("embedding.\($0.name)", $0.parameter) } ?? [])
            + coreParameters.map { ("core.\($0.name)", $0.parameter) }
            + readout.namedParameters.map { ("readout.\($0.name)", $0.parameter) }
    }

    /// The core's input for character indices `[batch][time]`.
    private func encode(_ inputs: [[Int]]) -> Variable {
        embedding.map { $0(inputs) } ?? Variable(Tensor.oneHot(inputs, classes: vocabularySize))
    }

    /// Logits `[batch, time, vocabularySize]` for character indices `[batch][time]`, every
    /// window starting from a zero state.
    public func logits(_ inputs: [[Int]]) -> Variable {
        readout(core(encode(inputs)))
    }

    /// Mean cross-entropy, in nats per character, of predicting `targets` (`[batch][time]`,
    /// each the input shifted by one) from `inputs`. A target of `-1` is not predicted: tasks
    /// that score only part of a sequence (the answer to a sum, say) mask the rest.
    public func loss(inputs: [[Int]], targets: [[Int]]) -> Variable {
        crossEntropy(logits: logits(inputs), targets: targets.flatMap { $0 })
    }

    /// The mean loss over `text` read as consecutive windows of `windowLength` characters,
    /// each predicting the next, each from a zero state, as in training: nats per character.
    /// Characters that do not fill a whole window at the end are left out.
    public func evaluate(_ text: [Int], windowLength: Int, batchSize: Int = 64) -> Double {
        let windowCount = (text.count - 1) / windowLength
        require(windowCount > 0, "CharacterModel.evaluate: \(text.count) characters do not fill a window of \(windowLength)")
        var total = 0.0
        var start = 0
        while start < windowCount {
            let windows = start..<Swift.min(start + batchSize, windowCount)
            let inputs = windows.map { Array(text[($0 * windowLength)..<(($0 + 1) * windowLength)]) }
            let targets = windows.map { Array(text[($0 * windowLength + 1)...(($0 + 1) * windowLength)]) }
            total += Double(loss(inputs: inputs, targets: targets).value.scalars[0]) * Double(windows.count)
            start += batchSize
        }
        return total / Double(windowCount)
    }

    /// Generates `length` characters after `prime`, drawing each from the softmax of the logits
    /// divided by `temperature` (below 1: safer, more repetitive; above 1: more surprising).
    /// Needs a fused core, which carries its state from one character to the next.
    public func sample(prime: [Int], length: Int, temperature: Float, generator: inout RandomGenerator) -> [Int] {
        guard let layer else {
            require(false, "CharacterModel.sample: needs a fused layer as its core")
            return []
        }
        require(!prime.isEmpty && temperature > 0, "CharacterModel.sample: needs a prime and a positive temperature")
        var run = layer.run(encode([prime]).value)
        var last = run.output.step(prime.count - 1)
        var generated: [Int] = []
        for _ in 0..<length {
            let logits = readout(last).scalars
            let largest = logits.max()!
            let weights = logits.map { Foundation.exp(Double(($0 - largest) / temperature)) }
            let next = generator.categorical(weights)
            generated.append(next)
            run = layer.run(encode([[next]]).value, from: run.state)
            last = run.output.step(0)
        }
        return generated
    }
}

/// Windows drawn at random places of a text: the batches of a character model that starts each
/// window from a zero state, so windows need not follow one another.
public struct CharacterWindows: Sendable {
    public let text: [Int]
    public let windowLength: Int

    public init(text: [Int], windowLength: Int) {
        require(windowLength > 0 && text.count > windowLength, "CharacterWindows: \(text.count) characters for windows of \(windowLength)")
        self.text = text
        self.windowLength = windowLength
    }

    /// `size` windows: inputs and targets `[size][windowLength]`, targets one character ahead.
    public func batch(size: Int, generator: inout RandomGenerator) -> (inputs: [[Int]], targets: [[Int]]) {
        var inputs: [[Int]] = [], targets: [[Int]] = []
        for _ in 0..<size {
            let start = generator.integer(in: 0..<(text.count - windowLength))
            inputs.append(Array(text[start..<(start + windowLength)]))
            targets.append(Array(text[(start + 1)...(start + windowLength)]))
        }
        return (inputs, targets)
    }
}

extension CharacterModel {
    /// Trains on random windows for `updates` steps, clipping the gradient's global norm at
    /// `clipNorm` if given; returns the training loss of every update.
    @discardableResult
    public func train(
        on windows: CharacterWindows, updates: Int, batchSize: Int, optimizer: Optimizer, clipNorm: Float? = nil,
        generator: inout RandomGenerator
    ) -> [Float] {
        var losses: [Float] = []
        losses.reserveCapacity(updates)
        for _ in 0..<updates {
            let batch = windows.batch(size: batchSize, generator: &generator)
            optimizer.zeroGradients()
            let loss = self.loss(inputs: batch.inputs, targets: batch.targets)
            loss.backward()
            if let clipNorm { GradientClipping.clipNorm(parameters, maxNorm: clipNorm) }
            optimizer.step()
            losses.append(loss.value.scalars[0])
        }
        return losses
    }
}

/// A model may be built and trained on one thread and handed to another once that work is
/// done (as `parallelMap` does with its results); it must not be used from two at once.
extension CharacterModel: @unchecked Sendable {}
