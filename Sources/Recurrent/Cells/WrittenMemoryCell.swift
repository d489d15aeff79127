/// The cells of r2rt's "Written Memories" derivation of the LSTM, from the prototype to the
/// basic LSTM, with one main state `c` (the memory written to) and, where the design needs
/// it, a shadow state `h`. `φ` is tanh throughout.
///
/// - `prototype`: gates and candidate read the raw state; the state is also the output.
///
///       i, f, o = σ(W c + U x + b)    (one W, U, b per gate)
///       c̃ = φ(W (o ⊙ c) + U x + b)
///       c' = f ⊙ c + i ⊙ c̃,   output c'
///
///   Nothing bounds `c`, and it drifts.
/// - `normalizedPrototype`: the prototype with `c'` divided by `√(var(c') + 1)`, the variance
///   taken over the units of each sequence: a soft bound.
/// - `pseudo(diffs:)`: the pseudo LSTM, which squashes the state wherever it is read, plus any
///   of the three "LSTM diffs" that turn it into the basic LSTM:
///   1. read comes after write: the candidate reads the shadow state `h = o_{t−1} ⊙ φ(c_{t−1})`
///      passed from the previous step;
///   2. the gates read the read-gated state (`h`, with diff 1; `o ⊙ φ(c)` without it) instead
///      of `φ(c)`;
///   3. the output is read-gated, `o ⊙ φ(c')`, instead of `φ(c')`.
///
///   With all three diffs this is the basic LSTM (TensorFlow's `BasicLSTMCell`).
public final class WrittenMemoryCell: RecurrentCell {
    /// Which cell of the derivation to compute (see the type's description).
    public enum Design: Hashable, Sendable {
        case prototype
        case normalizedPrototype
        /// The pseudo LSTM with a subset of the diffs `1`, `2`, `3`.
        case pseudo(diffs: Set<Int>)

        /// The basic LSTM: the pseudo LSTM with all three diffs.
        public static let basic = Design.pseudo(diffs: [1, 2, 3])
    }

    /// What the cell carries from step to step: the memory `c` `[batch, H]`, and the shadow
    /// state `h` `[batch, H]`, which only the designs with diff 1 read.
    public struct State {
        /// The main state, written incrementally.
        public var cell: Variable
        /// The shadow state `o ⊙ φ(c)` handed to the next step (used with diff 1).
        public var shadow: Variable

        public init(cell: Variable, shadow: Variable) {
            self.cell = cell
            self.shadow = shadow
        }

        /// Both parts cut off from the computation that produced them.
        public func detached() -> State { State(cell: cell.detached(), shadow: shadow.detached()) }
    }

    public let design: Design
    public let hiddenSize: Int
    let inputGate: GateWeights
    let forgetGate: GateWeights
    let readGate: GateWeights
    let candidate: GateWeights

    public init(inputSize: Int, hiddenSize: Int, design: Design, generator: inout RandomGenerator) {
        if case .pseudo(let diffs) = design {
            require(diffs.isSubset(of: [1, 2, 3]), "WrittenMemoryCell: diffs \(diffs.sorted()) must be among 1, 2, 3")
        }
        self.design = design
        self.hiddenSize = hiddenSize
        inputGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        forgetGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        readGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        candidate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        inputGate.named("i") + forgetGate.named("f") + readGate.named("o") + candidate.named("c")
    }

    /// Sets the gate biases (r2rt uses forget 1, read and write 0).
    public func setGateBiases(forget: Float, read: Float = 0, write: Float = 0) {
        for (gate, value) in [(forgetGate, forget), (readGate, read), (inputGate, write)] {
            gate.bias.value = Tensor(repeating: value, shape: gate.bias.shape)
        }
    }

    public func zeroState(batch: Int) -> State {
        let zeros = Variable(Tensor(zeros: [batch, hiddenSize]))
        return State(cell: zeros, shadow: zeros)
    }

    public func callAsFunction(_ x: Variable, state: State) -> (output: Variable, state: State) {
        switch design {
        case .prototype, .normalizedPrototype:
            let c = state.cell
            let i = sigmoid(inputGate(x, c))
            let f = sigmoid(forgetGate(x, c))
            let o = sigmoid(readGate(x, c))
            var next = f * c + i * tanh(candidate(x, o * c))
            if design == .normalizedPrototype {
                let size = Float(hiddenSize)
                let centred = next - next.sumOverFeatures() / size
                let variance = (centred * centred).sumOverFeatures() / size
                next = next / sqrt(variance + 1)
            }
            return (next, State(cell: next, shadow: next))
        case .pseudo(let diffs):
            let squashed = tanh(state.cell)
            // Without diff 1 the read gate is computed now, from the squashed prior state; with
            // diffs 1 and 2 it reads the shadow state like every other gate.
            let o = sigmoid(readGate(x, diffs.isSuperset(of: [1, 2]) ? state.shadow : squashed))
            let readGated = diffs.contains(1) ? state.shadow : o * squashed
            let gateInput = diffs.contains(2) ? readGated : squashed
            let i = sigmoid(inputGate(x, gateInput))
            let f = sigmoid(forgetGate(x, gateInput))
            let cell = f * state.cell + i * tanh(candidate(x, readGated))
            let squashedCell = tanh(cell)
            let shadow = o * squashedCell
            return (diffs.contains(3) ? shadow : squashedCell, State(cell: cell, shadow: shadow))
        }
    }
}
