/// Gated recurrent unit with PyTorch's equations and gate order r, z, n:
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)        reset gate
///     z = σ(W_iz x + b_iz + W_hz h + b_hz)        update gate: how much of h to keep
///     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// The reset gate scales `W_hn h + b_hn`, after the product; Cho et al.'s original GRU applies
/// it to `h` before the product and is a separate variant.
public final class GRU: RecurrentLayer {
    /// - Parameters:
    ///   - inputSize: features per step of the input.
    ///   - hiddenSize: features of the hidden state.
    ///   - layerCount: layers stacked; layer `l > 0` reads the outputs of layer `l - 1`.
    ///   - bias: whether the layer has `bias_ih` and `bias_hh`.
    ///   - bidirectional: whether each layer also runs from the last step to the first.
    ///   - generator: draws every parameter from PyTorch's default
    ///     `uniform(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    required init(stack: RecurrentStack) { super.init(stack: stack) }

    public init(
        inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bias: Bool = true,
        bidirectional: Bool = false, generator: inout RandomGenerator
    ) {
        super.init(stack: RecurrentStack(
            kind: .gru, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount,
            bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// Runs the network over whole sequences.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialState: `[layerCount * directions, batch, hiddenSize]`; zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length (see `RecurrentLayer`).
    /// - Returns: `output` `[batch, time, directions * hiddenSize]` and the final `state`
    ///   `[layerCount * directions, batch, hiddenSize]`.
    public func callAsFunction(_ input: Tensor, initialState: Tensor? = nil, lengths: [Int]? = nil) -> (output: Tensor, state: Tensor) {
        let result = stack.forward(input, initialHidden: initialState, initialCell: nil, lengths: lengths)
        return (result.output, result.hidden)
    }

    /// Runs the network over whole sequences as part of a computation to differentiate.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialState: `[layerCount * directions, batch, hiddenSize]`; zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length (see `RecurrentLayer`).
    /// - Returns: `output` `[batch, time, directions * hiddenSize]` and the final `state`
    ///   `[layerCount * directions, batch, hiddenSize]`. Back-propagating through them adds
    ///   into this layer's parameter gradients.
    public func callAsFunction(_ input: Variable, initialState: Variable? = nil, lengths: [Int]? = nil) -> (output: Variable, state: Variable) {
        let result = stack.forward(input, initialHidden: initialState, initialCell: nil, lengths: lengths)
        return (result.output, result.hidden)
    }
}
