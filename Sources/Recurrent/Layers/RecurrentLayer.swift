/// What the built-in fused layers — `RNN`, `LSTM`, `GRU` and their named variants — share:
/// sizes, parameters under PyTorch's names, and the instruments lessons read.
///
/// Sequences of different lengths: pad them at the end to a common `time` and pass each
/// sequence's length as `lengths:`. Steps past a sequence's length leave its state unchanged
/// and output zeros, so the final state is the one after the sequence's own last step, and a
/// reverse direction starts there — what PyTorch computes for packed sequences.
public class RecurrentLayer: ParameterContainer {
    let stack: RecurrentStack

    /// Wraps a stack; `required` so that `RecurrentLayer.make` can build any kind's class
    /// from its `CellKindDescription.layerClass`.
    required init(stack: RecurrentStack) {
        self.stack = stack
    }

    /// Which recurrence the layer computes.
    public var kind: RecurrentCellKind { stack.kind }
    public var inputSize: Int { stack.inputSize }
    public var hiddenSize: Int { stack.hiddenSize }
    public var layerCount: Int { stack.layerCount }
    /// 2 for a bidirectional layer, else 1.
    public var directionCount: Int { stack.directionCount }

    public var namedParameters: [(name: String, parameter: Parameter)] { stack.namedParameters }

    /// Whether back-propagation through this layer keeps `stateGradients`.
    public var recordsStateGradients: Bool {
        get { stack.recordsStateGradients }
        set { stack.recordsStateGradients = newValue }
    }

    /// After a backward pass with `recordsStateGradients` on: for each layer and direction
    /// (index `layer * directionCount + direction`), `[batch, time, hiddenSize]` holding
    /// `∂L/∂h_t`, the total gradient of the loss with respect to the hidden state at every
    /// step. Its norm against `t` shows gradients vanishing or exploding.
    public var stateGradients: [Tensor] { stack.stateGradients }

    /// Runs the layer and returns what happened inside it at every step (read by name through
    /// `internals(_:)`).
    ///
    /// - Parameter input: `[batch, time, inputSize]`.
    /// - Returns: per layer and direction, `gates` `[batch, time, gateCount * hiddenSize]`
    ///   after their activations (LSTM: i, f, g, o; GRU: r, z, n; RNN: the new state), and,
    ///   for an LSTM, `cells` `[batch, time, hiddenSize]`, the cell state after each step.
    func stackedInternals(_ input: Tensor) -> [(gates: Tensor, cells: Tensor?)] {
        let result = stack.forward(input, initialHidden: nil, initialCell: nil, keepTrace: true)
        let (batch, time) = (input.shape[0], input.shape[1])
        return result.trace!.directions.flatMap { directions in
            directions.enumerated().map { direction, trace in
                (reorder(trace.gates.base, batch: batch, time: time, width: stack.kind.gateCount * hiddenSize, reverse: direction == 1),
                 stack.kind.hasCellState
                    ? reorder(trace.cellStates.at(batch * hiddenSize), batch: batch, time: time, width: hiddenSize, reverse: direction == 1)
                    : nil)
            }
        }
    }

    /// Trace rows are `[step][batch]` in processing order; lessons want `[batch, time, width]`.
    private func reorder(_ rows: UnsafePointer<Float>, batch: Int, time: Int, width: Int, reverse: Bool) -> Tensor {
        var result = Tensor(zeros: [batch, time, width])
        for step in 0..<time {
            let t = reverse ? time - 1 - step : step
            for b in 0..<batch {
                for j in 0..<width { result.scalars[(b * time + t) * width + j] = rows[(step * batch + b) * width + j] }
            }
        }
        return result
    }
}
