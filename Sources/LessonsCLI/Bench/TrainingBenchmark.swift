import Foundation
import Recurrent

/// One configuration of the training-step benchmark: a recurrent layer and a linear head,
/// trained with Adam on random data of fixed shapes. `benchmarks/pytorch_reference.py` builds
/// the same model in PyTorch, so the two can be compared step for step.
struct TrainingBenchmark: Sendable {
    enum Cell: String, Sendable { case lstm = "LSTM", gru = "GRU" }
    /// Where the head reads: the last step (a classifier) or every step (a language model).
    enum Head: Sendable {
        case lastStep(classes: Int)
        case everyStep(classes: Int)
    }

    let name: String
    let cell: Cell
    let inputSize: Int
    let hiddenSize: Int
    let batch: Int
    let steps: Int
    let head: Head
    /// The input is one-hot symbols (a character model) rather than dense noise.
    let oneHot: Bool

    static let standard: [TrainingBenchmark] = [
        TrainingBenchmark(name: "lstm-h128", cell: .lstm, inputSize: 8, hiddenSize: 128, batch: 32, steps: 100,
                          head: .lastStep(classes: 4), oneHot: false),
        TrainingBenchmark(name: "gru-h128", cell: .gru, inputSize: 8, hiddenSize: 128, batch: 32, steps: 100,
                          head: .lastStep(classes: 4), oneHot: false),
        TrainingBenchmark(name: "lstm-h32", cell: .lstm, inputSize: 8, hiddenSize: 32, batch: 32, steps: 100,
                          head: .lastStep(classes: 4), oneHot: false),
        TrainingBenchmark(name: "lstm-h256-chars", cell: .lstm, inputSize: 65, hiddenSize: 256, batch: 32, steps: 50,
                          head: .everyStep(classes: 65), oneHot: true),
        // The size the lessons train (one input, 16 units): mostly the edges of its products.
        TrainingBenchmark(name: "gru-h16", cell: .gru, inputSize: 1, hiddenSize: 16, batch: 32, steps: 50,
                          head: .lastStep(classes: 2), oneHot: false),
    ]

    /// Floating-point operations of one training step, counting the matrix products (which
    /// dominate): forward `2·B·T·G·(I + H)`, backward `2·B·T·G·(I + 2H)` (weight gradients of
    /// both matrices and the state gradient; the input needs none), plus the head forward and
    /// backward. `G` is the gate width. A one-hot input's products are counted as dense, the
    /// arithmetic PyTorch does; the engine skips their zeros (`Engine.skipsZeroInputs`, off with
    /// `LESSONS_DENSE_INPUTS`), so for such a configuration this overstates what it computed.
    var flopsPerStep: Double {
        let gates = Double((cell == .lstm ? 4 : 3) * hiddenSize)
        let bt = Double(batch * steps)
        let recurrent = 2 * bt * gates * Double(2 * inputSize + 3 * hiddenSize)
        let headRows: Double
        let classes: Int
        switch head {
        case .lastStep(let count): headRows = Double(batch); classes = count
        case .everyStep(let count): headRows = bt; classes = count
        }
        return recurrent + 3 * 2 * headRows * Double(hiddenSize * classes)
    }

    struct Measurement {
        let millisecondsPerStep: Double
        var sequencesPerSecond: Double
        var gflops: Double
    }

    /// Times `repetitions` training steps after a warm-up (`WarmUp`); reports the median step.
    func run(repetitions: Int) -> Measurement {
        var generator = RandomGenerator(seed: 1)
        let layer: RecurrentLayer = cell == .lstm
            ? LSTM(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
            : GRU(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
        let classes: Int
        switch head {
        case .lastStep(let count), .everyStep(let count): classes = count
        }
        let linear = Linear(inputSize: hiddenSize, outputSize: classes, generator: &generator)
        let optimizer = Adam(parameters: layer.parameters + linear.parameters, learningRate: 1e-3)
        let inputs: Tensor
        if oneHot {
            inputs = Tensor.oneHot((0..<batch).map { _ in (0..<steps).map { _ in generator.integer(in: 0..<inputSize) } }, classes: inputSize)
        } else {
            inputs = Tensor.uniform([batch, steps, inputSize], -1, 1, generator: &generator)
        }
        let targetCount: Int
        switch head {
        case .lastStep: targetCount = batch
        case .everyStep: targetCount = batch * steps
        }
        let targets = (0..<targetCount).map { _ in generator.integer(in: 0..<classes) }
        func step() {
            let output = (layer as? LSTM).map { $0(Variable(inputs)).output } ?? (layer as! GRU)(Variable(inputs)).output
            let logits: Variable
            switch head {
            case .lastStep: logits = linear(output.step(steps - 1))
            case .everyStep: logits = linear(output)
            }
            optimizer.zeroGradients()
            crossEntropy(logits: logits, targets: targets).backward()
            optimizer.step()
        }
        WarmUp.run(step)
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let median = times.sorted()[times.count / 2]
        return Measurement(
            millisecondsPerStep: median, sequencesPerSecond: Double(batch) / (median / 1000),
            gflops: flopsPerStep / (median / 1000) / 1e9)
    }
}
