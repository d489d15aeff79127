import CEngineSupport
/// The pointwise part of one step of PyTorch's GRU (gates r, z, n) for a whole batch, sixteen
/// units at a time, compiled for AVX-512 processors alone. `Recurrent`'s `FusedGRUCell` is the
/// reference: these functions perform its lane operations in its order in every lane, so they
/// give the same bits; they exist because its 8-wide lanes leave half of a 512-bit processor
/// idle in the part of a training step that is not a matrix product (a sixth of a GRU h128
/// training step, measured before this kernel).
///
/// Shapes, for `H` = `size` and each of the `rows` sequences `b`:
/// - `projected`: `P` = `W_ih x + b_ih`, `[3H]` at `projected + b * projectedStride`;
/// - `recurrent`: `R` = `W_hh h + b_hh`, `[rows, 3H]`;
/// - `previousHidden`, `hidden`, `extra` (the trace's `R_n`, which the reset gate scales):
///   `[rows, H]`; `gates`: `[rows, 3H]`.
/// Only units `0 ..< units` are processed (`units` a multiple of 16); the caller does the rest.
public enum WideGRUStep {
    /// Forward: `r = σ(P_r + R_r)`, `z = σ(P_z + R_z)`, `n = tanh(P_n + r ⊙ R_n)`,
    /// `h' = n + z ⊙ (h − n)`. Writes `h'`, the activated gates and `R_n`. With
    /// `nextStepRows` > 0, the rows the next step will write (that many rows on) are fetched
    /// for writing meanwhile — hints that change no values.
    @inline(never)
    public static func forward(
        rows: Int, size: Int, units: Int,
        projected: UnsafePointer<Float>, projectedStride: Int, recurrent: UnsafePointer<Float>,
        previousHidden: UnsafePointer<Float>,
        hidden: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>, extra: UnsafeMutablePointer<Float>,
        nextStepRows: Int
    ) {
        let (gateStep, stateStep) = (nextStepRows * 3 * size, nextStepRows * size)
        for b in 0..<rows {
            let p = projected + b * projectedStride
            let r = recurrent + b * 3 * size
            let (h, hPrevious, e) = (hidden + b * size, previousHidden + b * size, extra + b * size)
            let g = gates + b * 3 * size
            var j = 0
            while j < units {
                if nextStepRows > 0 {
                    engine_prefetch_for_writing(g + gateStep + j); engine_prefetch_for_writing(g + gateStep + size + j)
                    engine_prefetch_for_writing(g + gateStep + 2 * size + j)
                    engine_prefetch_for_writing(h + stateStep + j); engine_prefetch_for_writing(e + stateStep + j)
                }
                let reset = RationalTanh.sigmoid(load(p + j) + load(r + j))
                let update = RationalTanh.sigmoid(load(p + size + j) + load(r + size + j))
                let recurrentCandidate = load(r + 2 * size + j)
                let candidate = RationalTanh.tanh(load(p + 2 * size + j).addingProduct(reset, recurrentCandidate))
                store(candidate.addingProduct(update, load(hPrevious + j) - candidate), h + j)
                store(reset, g + j)
                store(update, g + size + j)
                store(candidate, g + 2 * size + j)
                store(recurrentCandidate, e + j)
                j += 16
            }
        }
    }

    /// Backward: from `∂L/∂h'` (`hiddenGradient`) to the gradients of the pre-activations,
    /// written to `projectedGradient` (row `b` at `b * projectedStride`) and
    /// `recurrentGradient` `[rows, 3H]`, which differ in the `n` block (`∂R_n = r ⊙ ∂P_n`).
    /// Leaves `z ⊙ ∂L/∂h'` in `hiddenGradient`: the part of `∂L/∂h` that skips `W_hh`. With
    /// `previousStepRows` > 0, the trace rows the step before will read (that many rows back)
    /// are fetched meanwhile.
    @inline(never)
    public static func backward(
        rows: Int, size: Int, units: Int,
        gates: UnsafePointer<Float>, extra: UnsafePointer<Float>, previousHidden: UnsafePointer<Float>,
        hiddenGradient: UnsafeMutablePointer<Float>,
        projectedGradient: UnsafeMutablePointer<Float>, projectedStride: Int,
        recurrentGradient: UnsafeMutablePointer<Float>, previousStepRows: Int
    ) {
        let one = SIMD16<Float>(repeating: 1)
        let (gateStep, stateStep) = (previousStepRows * 3 * size, previousStepRows * size)
        for b in 0..<rows {
            let g = gates + b * 3 * size
            let (e, hPrevious, dh) = (extra + b * size, previousHidden + b * size, hiddenGradient + b * size)
            let dp = projectedGradient + b * projectedStride
            let dr = recurrentGradient + b * 3 * size
            var j = 0
            while j < units {
                if previousStepRows > 0 {
                    engine_prefetch(g - gateStep + j); engine_prefetch(g - gateStep + size + j)
                    engine_prefetch(g - gateStep + 2 * size + j)
                    engine_prefetch(e - stateStep + j); engine_prefetch(hPrevious - stateStep + j)
                }
                let (reset, update, candidate) = (load(g + j), load(g + size + j), load(g + 2 * size + j))
                let incoming = load(dh + j)
                let dCandidate = incoming * (one - update) * (one - candidate * candidate)
                let dUpdate = incoming * (load(hPrevious + j) - candidate) * update * (one - update)
                let dReset = dCandidate * load(e + j) * reset * (one - reset)
                store(dReset, dp + j); store(dUpdate, dp + size + j); store(dCandidate, dp + 2 * size + j)
                store(dReset, dr + j); store(dUpdate, dr + size + j); store(dCandidate * reset, dr + 2 * size + j)
                store(incoming * update, dh + j)
                j += 16
            }
        }
    }
}
