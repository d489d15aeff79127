/// Which parts of an LSTM are present: the gates, the two activation functions, peepholes,
/// and whether the forget gate is coupled to the input gate. The ablation studies of Greff et
/// al. (2015) and Jozefowicz et al. (2015) remove one part at a time; `VariantLSTM` runs any
/// combination with the fused kernels.
///
/// With every part present and no peepholes this is PyTorch's LSTM; with peepholes it is
/// Gers & Schmidhuber's, Greff's "vanilla" (V):
///
///     i = inputGate ? σ(W_i x + R_i h + p_i ⊙ c + b_i) : 1
///     f = coupledGates ? 1 − i : forgetGate ? σ(W_f x + R_f h + p_f ⊙ c + b_f) : 1
///     z = inputActivation ? tanh(W_z x + R_z h + b_z) : W_z x + R_z h + b_z
///     c' = f ⊙ c + i ⊙ z
///     o = outputGate ? σ(W_o x + R_o h + p_o ⊙ c' + b_o) : 1
///     h' = o ⊙ (outputActivation ? tanh(c') : c')
///
/// (the `p` terms only with `peepholes`; with `gateRecurrence` the i, f and o pre-activations
/// also read the previous step's gates). A removed gate keeps its rows of the stacked
/// weights, so parameters keep PyTorch's shapes and names; those rows are never read, and
/// their gradient is zero.
public struct LSTMStructure: Hashable, Sendable, CustomStringConvertible {
    public var inputGate = true
    public var forgetGate = true
    public var outputGate = true
    /// `tanh` on the block input `z`.
    public var inputActivation = true
    /// `tanh` on the cell before the output gate.
    public var outputActivation = true
    /// Diagonal peephole weights from the cell to the three gates.
    public var peepholes = false
    /// `f = 1 − i` (Greff's CIFG; the GRU's update gate works this way).
    public var coupledGates = false
    /// Full gate recurrence (Greff's FGR): the pre-activations of i, f and o also receive
    /// `W_g · (i, f, o)` of the previous step, through weights `weight_gates` `[3H, 3H]`. The
    /// previous gates start at zero in every call: they are not part of the carried state.
    public var gateRecurrence = false

    public init(
        inputGate: Bool = true, forgetGate: Bool = true, outputGate: Bool = true, inputActivation: Bool = true,
        outputActivation: Bool = true, peepholes: Bool = false, coupledGates: Bool = false, gateRecurrence: Bool = false
    ) {
        require(!(coupledGates && !inputGate), "LSTMStructure: coupling f = 1 − i needs the input gate")
        require(!gateRecurrence || (inputGate && forgetGate && outputGate && !coupledGates),
                "LSTMStructure: full gate recurrence needs all three gates, uncoupled")
        self.inputGate = inputGate
        self.forgetGate = forgetGate
        self.outputGate = outputGate
        self.inputActivation = inputActivation
        self.outputActivation = outputActivation
        self.peepholes = peepholes
        self.coupledGates = coupledGates
        self.gateRecurrence = gateRecurrence
    }

    /// PyTorch's LSTM: every gate and activation, no peepholes.
    public static let standard = LSTMStructure()
    /// The LSTM with peepholes: Greff et al.'s vanilla LSTM.
    public static let peephole = LSTMStructure(peepholes: true)

    /// Greff et al.'s variant of the peephole LSTM.
    public init(greff variant: PeepholeLSTMCell.Variant) {
        self = .peephole
        switch variant {
        case .vanilla: break
        case .noInputGate: inputGate = false
        case .noForgetGate: forgetGate = false
        case .noOutputGate: outputGate = false
        case .noInputActivation: inputActivation = false
        case .noOutputActivation: outputActivation = false
        case .noPeepholes: peepholes = false
        case .coupledGates: coupledGates = true
        case .fullGateRecurrence: gateRecurrence = true
        }
    }

    /// Whether the forget gate has its own weights in use (present and not coupled).
    var forgetGateIsFree: Bool { forgetGate && !coupledGates }

    public var description: String {
        var removed: [String] = []
        if !inputGate { removed.append("input gate") }
        if !forgetGate { removed.append("forget gate") }
        if !outputGate { removed.append("output gate") }
        if !inputActivation { removed.append("input activation") }
        if !outputActivation { removed.append("output activation") }
        var text = peepholes ? "LSTM with peepholes" : "LSTM"
        if coupledGates { text += ", f = 1 − i" }
        if gateRecurrence { text += ", gate-to-gate weights" }
        if !removed.isEmpty { text += ", without " + removed.joined(separator: ", ") }
        return text
    }
}
