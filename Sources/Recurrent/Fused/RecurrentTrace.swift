/// What a forward pass of one direction of one layer keeps for its backward pass.
///
/// Steps are stored in the order they were processed (`s`), which for a reversed direction is
/// from the last time step `t = T − 1` to the first.
struct DirectionTrace {
    /// `[batch * time, features]`: the layer's input, rows in `b * time + t` order.
    let input: Tensor
    /// The weights as they were during the forward pass.
    let weights: DirectionWeightValues
    /// `[(steps + 1) * batch, hiddenSize]`: the hidden state each step started from, rows
    /// `s * batch + b`, then the state after the last step. Step `s` wrote the block `s + 1`.
    let hiddenStates: ScratchBuffer
    /// `[(steps + 1) * batch, hiddenSize]`: the same for the cell state (LSTM; empty otherwise).
    /// Step `s`'s new cell, which its backward step needs, is the block `s + 1`.
    let cellStates: ScratchBuffer
    /// `[steps * batch, gateCount * hiddenSize]`: the gates after their activation functions
    /// (RNN: the new hidden state; LSTM: i, f, g, o; GRU: r, z, n).
    let gates: ScratchBuffer
    /// `[steps * batch, extraCount * hiddenSize]`: what the cell's `FusedCell.extraCount` says
    /// it keeps (GRU: `W_hn h + b_hn`; Cho's GRU: `r ⊙ h`; LSTM, RNN: nothing).
    let extra: ScratchBuffer
    /// Where the ones of `input` are, when it is one-hot (`BinaryInputRows`): found once in the
    /// forward pass, read again by the backward pass's input-weight gradient.
    var binaryInput: BinaryInputRows? = nil
}

/// Everything the backward pass of a whole stack needs.
struct RecurrentTrace {
    let batch: Int
    let time: Int
    /// Each sequence's length, or `nil` when all fill `time` steps.
    let lengths: [Int]?
    /// `directions[layer][direction]`.
    var directions: [[DirectionTrace]]
}

/// The values of one direction's parameters, captured for a forward pass.
struct DirectionWeightValues {
    /// `[gates, features]`.
    let input: Tensor
    /// `[gates, hiddenSize]`.
    let hidden: Tensor
    /// `[gates]` each, or `nil` without bias.
    let inputBias: Tensor?
    let hiddenBias: Tensor?
    /// `[3 * hiddenSize]`, peephole LSTM only.
    let peephole: Tensor?
    /// `[3 * hiddenSize, 3 * hiddenSize]`, full gate recurrence only.
    let gateRecurrence: Tensor?
}
