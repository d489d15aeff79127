/// The hidden and cell states of a fused LSTM (`LSTM`, `PeepholeLSTM`, `VariantLSTM`) as its
/// typed calls take and return them, each `[layerCount * directions, batch, hiddenSize]`;
/// `Value` is `Tensor`, or `Variable` inside a computation to differentiate. (`run`, the call
/// every `SequenceLayer` shares, carries the same two as a `RecurrentLayerState`; an
/// `LSTMCell`'s one-step state, `[batch, hiddenSize]`, is an `LSTMCellState`.)
public struct LSTMState<Value> {
    public var hidden: Value
    public var cell: Value

    public init(hidden: Value, cell: Value) {
        self.hidden = hidden
        self.cell = cell
    }
}

extension LSTMState: Equatable where Value: Equatable {}
extension LSTMState: Sendable where Value: Sendable {}

/// Long short-term memory with PyTorch's equations and gate order i, f, g, o:
///
///     i = σ(W_ii x + b_ii + W_hi h + b_hi)      input gate: how much to write
///     f = σ(W_if x + b_if + W_hf h + b_hf)      forget gate: how much to keep
///     g = tanh(W_ig x + b_ig + W_hg h + b_hg)   candidate values to write
///     o = σ(W_io x + b_io + W_ho h + b_ho)      output gate: how much to read
///     c' = f ⊙ c + i ⊙ g
///     h' = o ⊙ tanh(c')
///
/// The four gates' weights are stacked in that order in `weight_ih_l0` `[4H, inputSize]` and
/// `weight_hh_l0` `[4H, H]`, so parameters move to and from PyTorch unchanged.
public final class LSTM: RecurrentLayer {
    /// - Parameters:
    ///   - inputSize: features per step of the input.
    ///   - hiddenSize: features of the hidden and cell states.
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
            kind: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount,
            bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// Runs the network over whole sequences.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialState: hidden and cell states `[layerCount * directions, batch, hiddenSize]`;
    ///     zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length (see `RecurrentLayer`).
    /// - Returns: `output` `[batch, time, directions * hiddenSize]`, the last layer's hidden
    ///   state at every step, and `state`, every layer's hidden and cell states after its
    ///   last step.
    public func callAsFunction(_ input: Tensor, initialState: LSTMState<Tensor>? = nil, lengths: [Int]? = nil) -> (output: Tensor, state: LSTMState<Tensor>) {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }

    /// Runs the network over whole sequences as part of a computation to differentiate.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialState: hidden and cell states `[layerCount * directions, batch, hiddenSize]`;
    ///     zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length (see `RecurrentLayer`).
    /// - Returns: `output` `[batch, time, directions * hiddenSize]` and the final `state`.
    ///   Back-propagating through them adds into this layer's parameter gradients.
    public func callAsFunction(_ input: Variable, initialState: LSTMState<Variable>? = nil, lengths: [Int]? = nil)
        -> (output: Variable, state: LSTMState<Variable>)
    {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }
}

extension RecurrentLayer {
    /// For the LSTMs: sets the forget gate's bias so that the gate starts at `σ(value)`: the
    /// forget slice of `bias_ih` becomes `value` and that of `bias_hh` zero (PyTorch adds the
    /// two). A bias of 1 or more keeps the gate open at first, so gradients survive long lags
    /// from the start.
    public func setForgetGateBias(_ value: Float) {
        require(kind.hasCellState, "setForgetGateBias: \(kind) has no forget gate")
        let size = hiddenSize
        for (name, parameter) in namedParameters where name.hasPrefix("bias_") {
            let fill: Float = name.hasPrefix("bias_ih") ? value : 0
            for j in size..<(2 * size) { parameter.value.scalars[j] = fill }
        }
    }
}

extension LSTMState where Value == Variable {
    /// Both states cut off from the computation that produced them, for truncated BPTT: the
    /// next chunk starts from these values, but its gradient stops here.
    public func detached() -> LSTMState<Variable> {
        LSTMState(hidden: hidden.detached(), cell: cell.detached())
    }
}
