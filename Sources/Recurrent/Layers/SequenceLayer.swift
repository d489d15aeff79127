/// Anything that reads whole sequences the way the fused layers do: `RNN`, `GRU`, `LSTM` and
/// their variants (every `RecurrentLayer`), and a `RecurrentCell` unrolled over time
/// (`cell.unrolled()`). One call for tensors, one for autodiff, one state type, so that
/// networks of different kinds run side by side in one loop:
///
///     let layers: [any SequenceLayer] = [rnn, gru, lstm, LSTMCell(inputSize: 3, hiddenSize: 8, generator: &g).unrolled()]
///     for layer in layers {
///         let optimizer = Adam(parameters: layer.parameters + head.parameters, learningRate: 0.01)
///         let (output, state) = layer.run(Variable(x), lengths: lengths)   // output [batch, time, outputSize]
///         …
///     }
///
/// Sequences of different lengths: pad them at the end to a common `time` and pass each
/// one's length as `lengths:`. Steps past a sequence's length leave its state unchanged and
/// output zeros, so the final state is the one after the sequence's own last step.
public protocol SequenceLayer: ParameterContainer {
    /// Features of the hidden state of each layer and direction.
    var hiddenSize: Int { get }
    /// Layers stacked; layer `l > 0` reads the outputs of layer `l - 1`. 1 for an unrolled cell.
    var layerCount: Int { get }
    /// 2 for a bidirectional layer, else 1.
    var directionCount: Int { get }

    /// Runs the layer over whole sequences as part of a computation to differentiate.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - state: where to start, `[layerCount * directions, batch, hiddenSize]` each; zeros
    ///     if `nil`. A `cell` is read by layers that carry one (the LSTMs) and ignored by the
    ///     others; without one they start it at zeros.
    ///   - lengths: for sequences padded at the end, each one's length, in `0...time`.
    /// - Returns: `output` `[batch, time, directions * hiddenSize]`, the last layer's hidden
    ///   state at every step, and `state`, every layer's hidden (and cell) state after its
    ///   last step. Back-propagating through them adds into the layer's parameter gradients.
    func run(_ input: Variable, from state: RecurrentLayerState<Variable>?, lengths: [Int]?)
        -> (output: Variable, state: RecurrentLayerState<Variable>)

    /// The same computation on plain tensors, without gradients; shapes as for the
    /// `Variable` call.
    func run(_ input: Tensor, from state: RecurrentLayerState<Tensor>?, lengths: [Int]?)
        -> (output: Tensor, state: RecurrentLayerState<Tensor>)
}

extension SequenceLayer {
    /// Features of each step of the output: `directionCount * hiddenSize`.
    public var outputSize: Int { directionCount * hiddenSize }

    /// `run(input, from: state, lengths: nil)`: sequences that fill every step.
    public func run(_ input: Variable, from state: RecurrentLayerState<Variable>? = nil)
        -> (output: Variable, state: RecurrentLayerState<Variable>)
    {
        run(input, from: state, lengths: nil)
    }

    /// `run(input, from: nil, lengths: lengths)`: padded sequences from a zero state.
    public func run(_ input: Variable, lengths: [Int]) -> (output: Variable, state: RecurrentLayerState<Variable>) {
        run(input, from: nil, lengths: lengths)
    }

    /// `run(input, from: state, lengths: nil)` on plain tensors.
    public func run(_ input: Tensor, from state: RecurrentLayerState<Tensor>? = nil)
        -> (output: Tensor, state: RecurrentLayerState<Tensor>)
    {
        run(input, from: state, lengths: nil)
    }

    /// `run(input, from: nil, lengths: lengths)` on plain tensors.
    public func run(_ input: Tensor, lengths: [Int]) -> (output: Tensor, state: RecurrentLayerState<Tensor>) {
        run(input, from: nil, lengths: lengths)
    }
}

/// Every fused layer is a sequence layer: `run(_:from:lengths:)` is declared with it.
extension RecurrentLayer: SequenceLayer {}
