/// A `RecurrentCell` run over whole sequences as a `SequenceLayer`: the same calls, state
/// type and `lengths:` as the fused layers, so a hand-written cell runs in the same loop as
/// `RNN`, `GRU` and `LSTM`.
///
///     let composed = LSTMCell(inputSize: 3, hiddenSize: 8, generator: &g).unrolled()
///     let (output, state) = composed.run(Variable(x), lengths: [5, 2])   // [2, 5, 8]; state.hidden [1, 2, 8]
///
/// The layer has one layer and one direction: states are `[1, batch, hiddenSize]`, the
/// step's state of the cell (`[batch, hiddenSize]`) with a leading slot, read through
/// `SequenceCellState`. Gradients flow through the tape, as with `unroll`.
public struct Unrolled<Cell: RecurrentCell>: SequenceLayer where Cell.State: SequenceCellState {
    /// The cell applied at every step.
    public let cell: Cell
    /// Features of the cell's hidden state, read from its zero state.
    public let hiddenSize: Int
    /// 1: a cell is one layer.
    public var layerCount: Int { 1 }
    /// 1: a cell reads the sequence forward.
    public var directionCount: Int { 1 }

    /// Wraps `cell` (usually written `cell.unrolled()`); its hidden size is read from its
    /// zero state for a batch of one, `[1, hiddenSize]`.
    public init(_ cell: Cell) {
        self.cell = cell
        hiddenSize = Cell.State.hiddenAndCell(of: cell.zeroState(batch: 1)).hidden.shape[1]
    }

    /// The cell's parameters under the cell's names.
    public var namedParameters: [(name: String, parameter: Parameter)] { cell.namedParameters }

    /// Runs the cell over whole sequences, step by step, on the tape.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - state: where to start, `[1, batch, hiddenSize]` each; zeros if `nil`.
    ///   - lengths: for sequences padded at the end, each one's length in `0...time`: steps
    ///     past it keep the sequence's state and output zeros, as in the fused layers.
    /// - Returns: `output` `[batch, time, hiddenSize]` and the final `state`, `[1, batch,
    ///   hiddenSize]` each (a `cell` for cells with a memory).
    public func run(_ input: Variable, from state: RecurrentLayerState<Variable>? = nil, lengths: [Int]? = nil)
        -> (output: Variable, state: RecurrentLayerState<Variable>)
    {
        require(input.shape.count == 3 && input.shape[1] > 0, "Unrolled: input shape \(input.shape) is not [batch, time > 0, features]")
        let (batch, time) = (input.shape[0], input.shape[1])
        if let lengths {
            require(lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                    "Unrolled: lengths \(lengths) must give one length in 0...\(time) per sequence of the batch \(batch)")
        }
        let start = state.map { startingState($0, batch: batch) } ?? cell.zeroState(batch: batch)
        // Steps no sequence reaches are not run: their outputs are zeros whatever they compute.
        let stepsToRun = lengths.map { $0.max() ?? 0 } ?? time
        let steps = input.unstackedSteps()
        // states[n] is the state after n steps, so a sequence of length n ends in states[n].
        var states = [start]
        var outputs: [Variable] = []
        for t in 0..<stepsToRun {
            let result = cell(steps[t], state: states[t])
            outputs.append(result.output)
            states.append(result.state)
        }
        guard let lengths else {
            let (hidden, cell) = Cell.State.hiddenAndCell(of: states[time])
            return (stack(steps: outputs), layerState(hidden: hidden, cell: cell))
        }
        let padded = PaddedSteps(lengths: lengths, time: time)
        let output = padded.output(outputs, width: outputs.first?.shape[1] ?? hiddenSize, batch: batch)
        let (hidden, cell) = padded.finalState(states.map(Cell.State.hiddenAndCell))
        return (output, layerState(hidden: hidden, cell: cell))
    }

    /// `run` on plain tensors; shapes as for the `Variable` call.
    public func run(_ input: Tensor, from state: RecurrentLayerState<Tensor>? = nil, lengths: [Int]? = nil)
        -> (output: Tensor, state: RecurrentLayerState<Tensor>)
    {
        let start = state.map { RecurrentLayerState(hidden: Variable($0.hidden), cell: $0.cell.map { Variable($0) }) }
        let result = run(Variable(input), from: start, lengths: lengths)
        return (result.output.value, RecurrentLayerState(hidden: result.state.hidden.value, cell: result.state.cell?.value))
    }

    /// The cell's state from a layer state `[1, batch, hiddenSize]`.
    private func startingState(_ state: RecurrentLayerState<Variable>, batch: Int) -> Cell.State {
        let expected = [1, batch, hiddenSize]
        require(state.hidden.shape == expected, "Unrolled: starting hidden state \(state.hidden.shape) is not \(expected)")
        require(state.cell.map { $0.shape == expected } ?? true, "Unrolled: starting cell state \(state.cell!.shape) is not \(expected)")
        return Cell.State.starting(hidden: state.hidden.reshaped([batch, hiddenSize]),
                                   cell: state.cell?.reshaped([batch, hiddenSize]))
    }

    /// `[batch, hiddenSize]` states as the layer's `[1, batch, hiddenSize]`.
    private func layerState(hidden: Variable, cell: Variable?) -> RecurrentLayerState<Variable> {
        RecurrentLayerState(hidden: hidden.reshaped([1] + hidden.shape), cell: cell.map { $0.reshaped([1] + $0.shape) })
    }
}

extension RecurrentCell where State: SequenceCellState {
    /// This cell run over whole sequences as a `SequenceLayer` (see `Unrolled`).
    public func unrolled() -> Unrolled<Self> { Unrolled(self) }
}
