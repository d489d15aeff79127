/// What one layer and direction of a fused layer computed at every step, read by name:
/// `internals.gate(.forget)` is the forget gate `[batch, time, hiddenSize]`, whatever the
/// gate's place in the stacked weights.
public struct RecurrentInternals {
    /// The kind of layer, which decides the gates there are.
    public let kind: RecurrentCellKind
    /// Features of the layer's hidden state: the width of every gate this returns.
    public let hiddenSize: Int
    /// `[batch, time, gateCount * hiddenSize]`: every gate after its activation, stacked as
    /// `kind.stackedGates` (an RNN's one block is its new state).
    let stackedGates: Tensor
    /// `[batch, time, hiddenSize]`: the cell state after each step, for the LSTMs; `nil` for
    /// layers without one.
    public let cells: Tensor?

    /// `gate` after its activation at every step, `[batch, time, hiddenSize]`, in time order
    /// for a reverse direction too. Stops with a message when the kind has no such gate (an
    /// LSTM's `.reset`, any gate of an RNN) or its structure removed it.
    public func gate(_ gate: Gate) -> Tensor {
        let block = kind.block(of: gate)
        let (batch, time, width) = (stackedGates.shape[0], stackedGates.shape[1], stackedGates.shape[2])
        var result = Tensor(zeros: [batch, time, hiddenSize])
        for row in 0..<(batch * time) {
            for j in 0..<hiddenSize {
                result.scalars[row * hiddenSize + j] = stackedGates.scalars[row * width + block * hiddenSize + j]
            }
        }
        return result
    }
}
