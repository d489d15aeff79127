/// The three architectures Jozefowicz, Zaremba & Sutskever (2015) found by evolutionary
/// search, each a mutation of the GRU (`h'` mixes a candidate and `h` through `z`):
///
///     MUT1: z = σ(W_xz x + b_z)
///           r = σ(W_xr x + W_hr h + b_r)
///           h' = tanh(W_hh (r ⊙ h) + tanh(x) + b_h) ⊙ z + h ⊙ (1 − z)
///     MUT2: z = σ(W_xz x + W_hz h + b_z)
///           r = σ(x + W_hr h + b_r)
///           h' = tanh(W_hh (r ⊙ h) + W_xh x + b_h) ⊙ z + h ⊙ (1 − z)
///     MUT3: z = σ(W_xz x + W_hz tanh(h) + b_z)
///           r = σ(W_xr x + W_hr h + b_r)
///           h' = tanh(W_hh (r ⊙ h) + W_xh x + b_h) ⊙ z + h ⊙ (1 − z)
///
/// MUT1 adds `tanh(x)` and MUT2 adds `x` to hidden-sized vectors, so for them the input size
/// must equal the hidden size (the paper embeds its inputs to that size).
public final class MutatedCell: RecurrentCell {
    /// Which of the three evolved architectures the cell computes; the raw value is the
    /// paper's name for it.
    public enum Architecture: String, CaseIterable, Sendable { case mut1 = "MUT1", mut2 = "MUT2", mut3 = "MUT3" }

    public let architecture: Architecture
    public let hiddenSize: Int
    let update: GateWeights
    let reset: GateWeights
    let candidate: GateWeights
    /// `[hiddenSize, hiddenSize]`: `W_hh`, applied to `r ⊙ h`.
    let candidateRecurrent: Parameter

    public init(inputSize: Int, hiddenSize: Int, architecture: Architecture, generator: inout RandomGenerator) {
        require(architecture == .mut3 || inputSize == hiddenSize,
                "\(architecture.rawValue): input size \(inputSize) must equal hidden size \(hiddenSize)")
        self.architecture = architecture
        self.hiddenSize = hiddenSize
        update = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize,
                             recurrentSize: architecture == .mut1 ? nil : hiddenSize, generator: &generator)
        reset = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: hiddenSize, generator: &generator)
        candidate = GateWeights(inputSize: inputSize, hiddenSize: hiddenSize, recurrentSize: nil, generator: &generator)
        candidateRecurrent = Parameter(Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
            .tensor(shape: [hiddenSize, hiddenSize], generator: &generator))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        var named = update.named("z")
        // MUT2's reset gate takes x itself, not W_xr x.
        named += architecture == .mut2
            ? [("weight_hr", reset.recurrent!), ("bias_r", reset.bias)] : reset.named("r")
        // MUT1's candidate takes tanh(x), not W_xh x.
        named += architecture == .mut1 ? [("bias_h", candidate.bias)] : candidate.named("h")
        named.append(("weight_hh", candidateRecurrent))
        return named
    }

    public func zeroState(batch: Int) -> Variable { Variable(Tensor(zeros: [batch, hiddenSize])) }

    public func callAsFunction(_ x: Variable, state h: Variable) -> (output: Variable, state: Variable) {
        let z: Variable
        let r: Variable
        let inputTerm: Variable
        switch architecture {
        case .mut1:
            z = sigmoid(update(x, nil))
            r = sigmoid(reset(x, h))
            inputTerm = tanh(x) + candidate.bias.variable
        case .mut2:
            z = sigmoid(update(x, h))
            r = sigmoid(x + matmul(h, reset.recurrent!.variable, transposeRight: true) + reset.bias.variable)
            inputTerm = candidate(x, nil)
        case .mut3:
            z = sigmoid(matmul(x, update.input.variable, transposeRight: true)
                        + matmul(tanh(h), update.recurrent!.variable, transposeRight: true) + update.bias.variable)
            r = sigmoid(reset(x, h))
            inputTerm = candidate(x, nil)
        }
        let proposal = tanh(matmul(r * h, candidateRecurrent.variable, transposeRight: true) + inputTerm)
        let next = proposal * z + h * (1 - z)
        return (next, next)
    }
}
