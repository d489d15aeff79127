/// An Elman recurrent network, `h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)`, with
/// PyTorch's parameters (`weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, …).
public final class RNN: RecurrentLayer {
    /// The function applied to the summed pre-activation.
    public enum Nonlinearity: Sendable { case tanh, relu }

    /// - Parameters:
    ///   - inputSize: features per step of the input.
    ///   - hiddenSize: features of the hidden state.
    ///   - layerCount: layers stacked; layer `l > 0` reads the outputs of layer `l - 1`.
    ///   - nonlinearity: `tanh` (the default) or `relu`.
    ///   - bias: whether the layer has `bias_ih` and `bias_hh`.
    ///   - bidirectional: whether each layer also runs from the last step to the first.
    ///   - generator: draws every parameter from PyTorch's default
    ///     `uniform(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize))`.
    required init(stack: RecurrentStack) { super.init(stack: stack) }

    public init(
        inputSize: Int, hiddenSize: Int, layerCount: Int = 1, nonlinearity: Nonlinearity = .tanh,
        bias: Bool = true, bidirectional: Bool = false, generator: inout RandomGenerator
    ) {
        super.init(stack: RecurrentStack(
            kind: nonlinearity == .tanh ? .rnnTanh : .rnnReLU, inputSize: inputSize, hiddenSize: hiddenSize,
            layerCount: layerCount, bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// Runs the network over whole sequences.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialState: `[layerCount * directions, batch, hiddenSize]`; zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length (see `RecurrentLayer`).
    /// - Returns: `output` `[batch, time, directions * hiddenSize]`, the last layer's hidden
    ///   state at every step, and `state` `[layerCount * directions, batch, hiddenSize]`, every
    ///   layer's hidden state after its last step.
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
