/// The recurrence a built-in layer computes at each step, with PyTorch's equations.
///
/// `x` is the step's input, `h` the previous hidden state, `c` the previous cell state, and
/// every `W`/`b` pair is a slice of `weight_ih`/`bias_ih` (for `x`) or `weight_hh`/`bias_hh`
/// (for `h`), stacked in the gate order listed.
public enum RecurrentCellKind: Sendable, Hashable {
    /// `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`.
    case rnnTanh
    /// `h' = relu(W_ih x + b_ih + W_hh h + b_hh)`.
    case rnnReLU
    /// Gates in order i, f, g, o: `i = σ(…)`, `f = σ(…)`, `g = tanh(…)`, `o = σ(…)`,
    /// `c' = f ⊙ c + i ⊙ g`, `h' = o ⊙ tanh(c')`.
    case lstm
    /// Gates in order r, z, n: `r = σ(…)`, `z = σ(…)`,
    /// `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 − z) ⊙ n + z ⊙ h`.
    case gru
    /// Gers & Schmidhuber's LSTM with diagonal peepholes `p` (`weight_peephole` `[3H]`, stacked
    /// i, f, o): `i = σ(… + p_i ⊙ c)`, `f = σ(… + p_f ⊙ c)`, `g`, `c'` as in the LSTM, then
    /// `o = σ(… + p_o ⊙ c')` — the output gate peeks at the new cell — and `h' = o ⊙ tanh(c')`.
    case peepholeLSTM
    /// Cho et al.'s original GRU: as `gru`, but the reset gate scales the state before the
    /// product, `n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)`.
    case choGRU
    /// An LSTM with some of its parts removed or changed (see `LSTMStructure`); gates stacked
    /// i, f, g, o as in the LSTM, and peephole weights as in `peepholeLSTM` if it has them.
    case structuredLSTM(LSTMStructure)

    /// How many blocks of `hiddenSize` rows `weight_ih` and `weight_hh` stack.
    public var gateCount: Int { fusedCell.gateCount }

    /// Whether the layer carries a cell state besides the hidden state.
    public var hasCellState: Bool { fusedCell.hasCellState }

    /// For the LSTMs, which parts they have (`LSTMStructure.standard` for `lstm`, `.peephole`
    /// for `peepholeLSTM`); `nil` for the RNNs and GRUs. Gate names and the messages for a
    /// removed gate read it.
    public var lstmStructure: LSTMStructure? { fusedCell.lstmStructure }
}
