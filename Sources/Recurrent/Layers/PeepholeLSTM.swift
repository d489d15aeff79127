/// Gers & Schmidhuber's LSTM with peepholes, fused over whole sequences:
///
///     i = σ(W_ii x + b_ii + W_hi h + b_hi + p_i ⊙ c)
///     f = σ(W_if x + b_if + W_hf h + b_hf + p_f ⊙ c)
///     g = tanh(W_ig x + b_ig + W_hg h + b_hg)
///     c' = f ⊙ c + i ⊙ g
///     o = σ(W_io x + b_io + W_ho h + b_ho + p_o ⊙ c')    the output gate sees the new cell
///     h' = o ⊙ tanh(c')
///
/// Parameters are the LSTM's (`weight_ih_l0`, … gates i, f, g, o) plus `weight_peephole_l0`
/// `[3 * hiddenSize]`, the diagonal peephole weights for i, f and o. PyTorch has no peephole
/// LSTM, so that one name is this engine's own.
public final class PeepholeLSTM: RecurrentLayer {
    /// Sizes and options as for `LSTM`.
    required init(stack: RecurrentStack) { super.init(stack: stack) }

    public init(
        inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bias: Bool = true,
        bidirectional: Bool = false, generator: inout RandomGenerator
    ) {
        super.init(stack: RecurrentStack(
            kind: .peepholeLSTM, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount,
            bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// Runs the network over whole sequences; shapes as for `LSTM`.
    public func callAsFunction(_ input: Tensor, initialState: LSTMState<Tensor>? = nil, lengths: [Int]? = nil) -> (output: Tensor, state: LSTMState<Tensor>) {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }

    /// Runs the network over whole sequences as part of a computation to differentiate.
    public func callAsFunction(_ input: Variable, initialState: LSTMState<Variable>? = nil, lengths: [Int]? = nil)
        -> (output: Variable, state: LSTMState<Variable>)
    {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }
}
