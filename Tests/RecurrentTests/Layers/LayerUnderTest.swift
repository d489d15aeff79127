@testable import Recurrent

/// One built-in layer of any kind, built and called through the public layer API (`RNN`,
/// `LSTM`, `GRU`, `ChoGRU`, `PeepholeLSTM` and their `callAsFunction`), so that tests comparing
/// every kind with a reference need one code path, not one per type.
///
/// States are `[layerCount * directions, batch, hiddenSize]`; `cell` is `nil` for the kinds
/// without one (RNN, GRU, ChoGRU).
struct LayerUnderTest {
    let layer: RecurrentLayer
    let hasCell: Bool
    private let runVariables: (Variable, Variable, Variable?, [Int]?) -> (output: Variable, hidden: Variable, cell: Variable?)
    private let runTensors: (Tensor, Tensor, Tensor?, [Int]?) -> (output: Tensor, hidden: Tensor, cell: Tensor?)

    /// - Parameter kind: the fixture script's name: `rnn_tanh`, `lstm`, `gru`, `cho_gru` or
    ///   `peephole_lstm`.
    init(kind: String, inputSize: Int, hiddenSize: Int, layerCount: Int, bidirectional: Bool, seed: UInt64 = 0) {
        var generator = RandomGenerator(seed: seed)
        let (i, h, l, b) = (inputSize, hiddenSize, layerCount, bidirectional)
        switch kind {
        case "rnn_tanh":
            let rnn = RNN(inputSize: i, hiddenSize: h, layerCount: l, nonlinearity: .tanh, bidirectional: b, generator: &generator)
            self.init(layer: rnn, hasCell: false,
                      variables: { let r = rnn($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) },
                      tensors: { let r = rnn($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) })
        case "gru":
            let gru = GRU(inputSize: i, hiddenSize: h, layerCount: l, bidirectional: b, generator: &generator)
            self.init(layer: gru, hasCell: false,
                      variables: { let r = gru($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) },
                      tensors: { let r = gru($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) })
        case "cho_gru":
            let cho = ChoGRU(inputSize: i, hiddenSize: h, layerCount: l, bidirectional: b, generator: &generator)
            self.init(layer: cho, hasCell: false,
                      variables: { let r = cho($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) },
                      tensors: { let r = cho($0, initialState: $1, lengths: $3); return (r.output, r.state, nil) })
        case "lstm":
            let lstm = LSTM(inputSize: i, hiddenSize: h, layerCount: l, bidirectional: b, generator: &generator)
            self.init(layer: lstm, hasCell: true,
                      variables: { x, hidden, cell, lengths in
                          let r = lstm(x, initialState: LSTMState(hidden: hidden, cell: cell!), lengths: lengths)
                          return (r.output, r.state.hidden, r.state.cell)
                      },
                      tensors: { x, hidden, cell, lengths in
                          let r = lstm(x, initialState: LSTMState(hidden: hidden, cell: cell!), lengths: lengths)
                          return (r.output, r.state.hidden, r.state.cell)
                      })
        case "peephole_lstm":
            let peephole = PeepholeLSTM(inputSize: i, hiddenSize: h, layerCount: l, bidirectional: b, generator: &generator)
            self.init(layer: peephole, hasCell: true,
                      variables: { x, hidden, cell, lengths in
                          let r = peephole(x, initialState: LSTMState(hidden: hidden, cell: cell!), lengths: lengths)
                          return (r.output, r.state.hidden, r.state.cell)
                      },
                      tensors: { x, hidden, cell, lengths in
                          let r = peephole(x, initialState: LSTMState(hidden: hidden, cell: cell!), lengths: lengths)
                          return (r.output, r.state.hidden, r.state.cell)
                      })
        default:
            preconditionFailure("no layer for kind \(kind)")
        }
    }

    private init(
        layer: RecurrentLayer, hasCell: Bool,
        variables: @escaping (Variable, Variable, Variable?, [Int]?) -> (output: Variable, hidden: Variable, cell: Variable?),
        tensors: @escaping (Tensor, Tensor, Tensor?, [Int]?) -> (output: Tensor, hidden: Tensor, cell: Tensor?)
    ) {
        self.layer = layer
        self.hasCell = hasCell
        self.runVariables = variables
        self.runTensors = tensors
    }

    /// Runs the layer from the given initial states (`cell` required exactly when `hasCell`),
    /// recording the computation for `backward`.
    func callAsFunction(_ input: Variable, hidden: Variable, cell: Variable?, lengths: [Int]?)
        -> (output: Variable, hidden: Variable, cell: Variable?)
    {
        precondition((cell != nil) == hasCell, "a cell state is required by, and only by, the LSTMs")
        return runVariables(input, hidden, cell, lengths)
    }

    /// The same on plain tensors, without gradients.
    func callAsFunction(_ input: Tensor, hidden: Tensor, cell: Tensor?, lengths: [Int]?)
        -> (output: Tensor, hidden: Tensor, cell: Tensor?)
    {
        precondition((cell != nil) == hasCell, "a cell state is required by, and only by, the LSTMs")
        return runTensors(input, hidden, cell, lengths)
    }
}
