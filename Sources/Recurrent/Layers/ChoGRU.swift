/// The GRU as Cho et al. (2014) first wrote it, fused over whole sequences: the reset gate
/// scales the state before the candidate's product,
///
///     n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
///
/// where PyTorch's `GRU` scales the product instead, `r ⊙ (W_hn h + b_hn)`. Parameters,
/// gate order (r, z, n) and every other equation are PyTorch's, so the two layers can share
/// weights and be compared.
public final class ChoGRU: RecurrentLayer {
    /// Sizes and options as for `GRU`.
    required init(stack: RecurrentStack) { super.init(stack: stack) }

    public init(
        inputSize: Int, hiddenSize: Int, layerCount: Int = 1, bias: Bool = true,
        bidirectional: Bool = false, generator: inout RandomGenerator
    ) {
        super.init(stack: RecurrentStack(
            kind: .choGRU, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount,
            bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// Runs the network over whole sequences; shapes as for `GRU`.
    public func callAsFunction(_ input: Tensor, initialState: Tensor? = nil, lengths: [Int]? = nil) -> (output: Tensor, state: Tensor) {
        let result = stack.forward(input, initialHidden: initialState, initialCell: nil, lengths: lengths)
        return (result.output, result.hidden)
    }

    /// Runs the network over whole sequences as part of a computation to differentiate.
    public func callAsFunction(_ input: Variable, initialState: Variable? = nil, lengths: [Int]? = nil) -> (output: Variable, state: Variable) {
        let result = stack.forward(input, initialHidden: initialState, initialCell: nil, lengths: lengths)
        return (result.output, result.hidden)
    }
}
