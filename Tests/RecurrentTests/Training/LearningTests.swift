import Testing
@testable import Recurrent

/// Tiny models learn tiny tasks: the end-to-end check that forward, backward and the
/// optimisers fit together.
@Suite struct LearningTests {
    /// An LSTM reads an EASY temporal-order sequence and a linear head classifies its last step.
    @Test func lstmLearnsEasyTemporalOrder() {
        var generator = RandomGenerator(seed: 8382)
        let task = TemporalOrder(difficulty: .easy)
        let lstm = LSTM(inputSize: 8, hiddenSize: 16, generator: &generator)
        let head = Linear(inputSize: 16, outputSize: 4, generator: &generator)
        let optimizer = Adam(parameters: (lstm.namedParameters + head.namedParameters).map(\.parameter), learningRate: 0.01)
        for _ in 0..<300 {
            let batch = task.batch(size: 32, generator: &generator)
            let (output, _) = lstm(Variable(batch.inputs))
            let logits = head(output.step(batch.inputs.shape[1] - 1))
            optimizer.zeroGradients()
            crossEntropy(logits: logits, targets: batch.labels).backward()
            optimizer.step()
        }
        let test = task.batch(size: 1000, generator: &generator)
        let (output, _) = lstm(test.inputs)
        let logits = head(output.step(test.inputs.shape[1] - 1))
        let accuracy = Float(zip(0..<1000, test.labels).filter { row, label in
            (0..<4).max { logits[row, $0] < logits[row, $1] } == label
        }.count) / 1000
        #expect(accuracy >= 0.95, "accuracy \(accuracy)")
    }

    /// An RNN echoes a bit stream two steps later, trained on chunks with the state carried
    /// (detached) from chunk to chunk.
    @Test func rnnLearnsShortEcho() {
        var generator = RandomGenerator(seed: 7)
        let rnn = RNN(inputSize: 1, hiddenSize: 16, generator: &generator)
        let head = Linear(inputSize: 16, outputSize: 1, generator: &generator)
        let optimizer = Adam(parameters: (rnn.namedParameters + head.namedParameters).map(\.parameter), learningRate: 0.01)
        let training = SignalEcho(echoStep: 2, length: 4000, batchSize: 16, generator: &generator)
        for _ in 0..<2 {
            var state: Variable? = nil
            for range in training.chunkRanges(length: 20) {
                let (inputs, targets) = training.chunk(range)
                let (output, finalState) = rnn(Variable(inputs), initialState: state)
                optimizer.zeroGradients()
                binaryCrossEntropy(logits: head(output), targets: targets).backward()
                optimizer.step()
                state = finalState.detached()
            }
        }
        let test = SignalEcho(echoStep: 2, length: 500, batchSize: 4, generator: &generator)
        let (inputs, targets) = test.chunk(0..<500)
        let logits = head(rnn(inputs).output)
        let correct = zip(logits.scalars, targets.scalars).filter { ($0 > 0) == ($1 > 0.5) }.count
        let accuracy = Float(correct) / Float(targets.count)
        #expect(accuracy >= 0.98, "accuracy \(accuracy)")
    }

    /// Same seed, same bits: two trainings of 100 steps end with identical parameters.
    @Test func trainingIsBitReproducible() {
        func train() -> [UInt32] {
            var generator = RandomGenerator(seed: 99)
            let task = TemporalOrder(difficulty: .normal)
            let gru = GRU(inputSize: 8, hiddenSize: 8, layerCount: 2, generator: &generator)
            let head = Linear(inputSize: 8, outputSize: 4, generator: &generator)
            let parameters = (gru.namedParameters + head.namedParameters).map(\.parameter)
            let optimizer = Adam(parameters: parameters, learningRate: 0.01)
            for _ in 0..<100 {
                let batch = task.batch(size: 8, generator: &generator)
                let (output, _) = gru(Variable(batch.inputs))
                optimizer.zeroGradients()
                crossEntropy(logits: head(output.step(batch.inputs.shape[1] - 1)), targets: batch.labels).backward()
                GradientClipping.clipNorm(parameters, maxNorm: 1)
                optimizer.step()
            }
            return parameters.flatMap { $0.value.scalars.map(\.bitPattern) }
        }
        #expect(train() == train())
    }
}
