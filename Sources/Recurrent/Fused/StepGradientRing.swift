/// The gradients of one direction's pre-activations for the last few steps of a backward
/// pass, kept until their weight gradients are taken: `∂L/∂R` of the recurrent part
/// `W_hh h + b_hh` and `∂L/∂P` of the projected input `W_ih x + b_ih`.
///
/// Steps (in processing order `s`) are grouped in chunks of `chunkSteps`: step `s` lives in
/// slot `s % chunkSteps`, in rows `slot · batch + b` of `[chunkSteps · batch, gates]`. The
/// backward pass runs the steps in reverse, so a chunk is complete once its first step is
/// done; its weight gradients are then added while its rows are still in the cache, and the
/// slots are reused by the chunk before it. (All steps of an LSTM of 128 units over 32 × 100
/// steps are 6.5 MB, which came back from memory for the weight gradients after the pass; a
/// chunk is 512 KB.)
///
/// So every weight-gradient entry adds the chunks latest first, and within a chunk its rows
/// in order: steps ascending, then sequences — `Σ` over `s·batch + b` of chunk `⌊(T−1)/8⌋`,
/// then of the chunk before, down to chunk 0.
final class StepGradientRing {
    /// Steps per chunk: fixed, because the order of the weight-gradient sums depends on it.
    static let chunkSteps = 8

    let batch: Int
    let gates: Int
    /// `[slots · batch, gates]`: `∂L/∂R`.
    let recurrent: ScratchBuffer
    /// `[slots · batch, gates]`: `∂L/∂P`; the same buffer as `recurrent` for the cells whose
    /// two gradients are equal (`FusedCell.projectedGradientIsRecurrentGradient`: all but PyTorch's
    /// GRU, whose candidate gate splits them).
    let projected: ScratchBuffer

    /// - Parameters:
    ///   - time: the steps of the pass (fewer than a chunk need fewer slots).
    ///   - projectedIsRecurrent: whether `∂P` equals `∂R`, so one buffer holds both.
    init(batch: Int, gates: Int, time: Int, projectedIsRecurrent: Bool) {
        self.batch = batch
        self.gates = gates
        let count = min(Self.chunkSteps, time) * batch * gates
        recurrent = ScratchBuffer(uninitialized: count)
        projected = projectedIsRecurrent ? recurrent : ScratchBuffer(uninitialized: count)
    }

    /// `[batch, gates]`: step `s`'s `∂L/∂R`.
    func recurrentRows(step: Int) -> UnsafeMutablePointer<Float> { recurrent.at(offset(step)) }

    /// `[batch, gates]`: step `s`'s `∂L/∂P`.
    func projectedRows(step: Int) -> UnsafeMutablePointer<Float> { projected.at(offset(step)) }

    /// Zeros step `s`'s rows of the sequences in `sequences` that `inactive` names (past their
    /// length): the backward step leaves them alone, and the weight-gradient products must
    /// read zeros.
    func clearRows(step: Int, sequences: Range<Int>, where inactive: (Int) -> Bool) {
        for b in sequences where inactive(b) {
            (recurrentRows(step: step) + b * gates).update(repeating: 0, count: gates)
            (projectedRows(step: step) + b * gates).update(repeating: 0, count: gates)
        }
    }

    /// The steps of the chunk that step `s` completes (the backward pass runs in reverse, so a
    /// chunk's first step is its last), or `nil` inside a chunk.
    static func chunk(completedBy step: Int, time: Int) -> Range<Int>? {
        step % chunkSteps == 0 ? step..<min(step + chunkSteps, time) : nil
    }

    private func offset(_ step: Int) -> Int { (step % Self.chunkSteps) * batch * gates }
}
