/// Gers & Schmidhuber's LSTM with peepholes, and the eight ablations of it that Greff et al.
/// (2015) compared, as one cell with a `variant`.
///
/// The vanilla form (Greff's "V"), with diagonal peephole weights `p`:
///
///     i = σ(W_i x + R_i h + p_i ⊙ c + b_i)
///     f = σ(W_f x + R_f h + p_f ⊙ c + b_f)
///     z = tanh(W_z x + R_z h + b_z)             block input
///     c' = f ⊙ c + i ⊙ z
///     o = σ(W_o x + R_o h + p_o ⊙ c' + b_o)     the output gate peeks at the new cell
///     h' = o ⊙ tanh(c')
public final class PeepholeLSTMCell: RecurrentCell {
    /// Greff et al.'s variants, each removing or changing one part of the vanilla LSTM.
    public enum Variant: String, CaseIterable, Sendable {
        /// The full peephole LSTM.
        case vanilla = "V"
        /// No input gate: `i = 1`.
        case noInputGate = "NIG"
        /// No forget gate: `f = 1`.
        case noForgetGate = "NFG"
        /// No output gate: `o = 1`.
        case noOutputGate = "NOG"
        /// No input activation function: `z` is linear.
        case noInputActivation = "NIAF"
        /// No output activation function: `h' = o ⊙ c'`.
        case noOutputActivation = "NOAF"
        /// No peepholes.
        case noPeepholes = "NP"
        /// Coupled input and forget gate: `f = 1 − i`.
        case coupledGates = "CIFG"
        /// Full gate recurrence: each gate also reads all three gates of the previous step.
        case fullGateRecurrence = "FGR"
    }

    /// The state: cell, hidden, and (for full gate recurrence) the previous gates.
    public struct State {
        public var cell: Variable
        public var hidden: Variable
        /// `[batch, 3 * hiddenSize]`: the previous step's i, f, o.
        public var gates: Variable
    }

    public let variant: Variant
    public let hiddenSize: Int
    let inputGate: GateWeights
    let forgetGate: GateWeights
    let blockInput: GateWeights
    let outputGate: GateWeights
    /// `[hiddenSize]` each.
    let peepholeInput: Parameter
    let peepholeForget: Parameter
    let peepholeOutput: Parameter
    /// `[3 * hiddenSize, 3 * hiddenSize]`: previous (i, f, o) to the current gates' inputs.
    let gateRecurrence: Parameter

    public init(inputSize: Int, hiddenSize: Int, variant: Variant = .vanilla, generator: inout RandomGenerator) {
        self.variant = variant
        self.hiddenSize = hiddenSize
        inputGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        forgetGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        blockInput = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        outputGate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        peepholeInput = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
        peepholeForget = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
        peepholeOutput = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
        gateRecurrence = Parameter(initializer.tensor(shape: [3 * hiddenSize, 3 * hiddenSize], generator: &generator))
    }

    /// Only the parameters the variant uses.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        var named: [(name: String, parameter: Parameter)] = []
        if variant != .noInputGate { named += inputGate.named("i") }
        if variant != .noForgetGate && variant != .coupledGates { named += forgetGate.named("f") }
        named += blockInput.named("z")
        if variant != .noOutputGate { named += outputGate.named("o") }
        if variant != .noPeepholes {
            if variant != .noInputGate { named.append(("peephole_i", peepholeInput)) }
            if variant != .noForgetGate && variant != .coupledGates { named.append(("peephole_f", peepholeForget)) }
            if variant != .noOutputGate { named.append(("peephole_o", peepholeOutput)) }
        }
        if variant == .fullGateRecurrence { named.append(("weight_gates", gateRecurrence)) }
        return named
    }

    public func zeroState(batch: Int) -> State {
        let zeros = Variable(Tensor(zeros: [batch, hiddenSize]))
        return State(cell: zeros, hidden: zeros, gates: Variable(Tensor(zeros: [batch, 3 * hiddenSize])))
    }

    public func callAsFunction(_ x: Variable, state: State) -> (output: Variable, state: State) {
        let size = hiddenSize
        let peepholes = variant != .noPeepholes
        // Full gate recurrence: previous (i, f, o) mapped to extra inputs of (i, f, o).
        let fromGates = variant == .fullGateRecurrence
            ? matmul(state.gates, gateRecurrence.variable, transposeRight: true) : nil
        func preactivation(_ gate: GateWeights, _ index: Int, peephole: Parameter?, cell: Variable) -> Variable {
            var value = gate(x, state.hidden)
            if peepholes, let peephole { value = value + peephole.variable * cell }
            if let fromGates { value = value + fromGates.slice(features: index * size..<(index + 1) * size) }
            return value
        }
        let ones = Variable(Tensor(repeating: 1, shape: state.cell.shape))
        let i = variant == .noInputGate ? ones : sigmoid(preactivation(inputGate, 0, peephole: peepholeInput, cell: state.cell))
        let f: Variable = switch variant {
        case .noForgetGate: ones
        case .coupledGates: 1 - i
        default: sigmoid(preactivation(forgetGate, 1, peephole: peepholeForget, cell: state.cell))
        }
        let blockPreactivation = blockInput(x, state.hidden)
        let z = variant == .noInputActivation ? blockPreactivation : tanh(blockPreactivation)
        let cell = f * state.cell + i * z
        let o = variant == .noOutputGate ? ones : sigmoid(preactivation(outputGate, 2, peephole: peepholeOutput, cell: cell))
        let hidden = o * (variant == .noOutputActivation ? cell : tanh(cell))
        let gates = variant == .fullGateRecurrence ? concatenate(features: [i, f, o]) : state.gates
        return (hidden, State(cell: cell, hidden: hidden, gates: gates))
    }
}
