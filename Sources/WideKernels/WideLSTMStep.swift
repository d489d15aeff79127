import CEngineSupport
/// The pointwise part of one step of PyTorch's LSTM (gates i, f, g, o; no peepholes) for a
/// whole batch, sixteen units at a time, compiled for AVX-512 processors alone. `Recurrent`'s
/// `FusedLSTMCell` is the reference: these functions perform its operations in its order in every
/// lane, so they give the same bits; they exist because the 8-wide code leaves half of a
/// 512-bit processor idle in the part of a training step that is not a matrix product.
///
/// Shapes, for `H` = `size` and each of the `rows` sequences `b`:
/// - `projected`: `P` = `W_ih x + b_ih`, `[4H]` at `projected + b * projectedStride`;
/// - `recurrent`: `R` = `W_hh h + b_hh`, `[rows, 4H]`;
/// - `previousCell`, `hidden`, `cell`: `[rows, H]`; `gates`: `[rows, 4H]`.
/// Only units `0 ..< units` are processed (`units` a multiple of 16); the caller does the rest.
public enum WideLSTMStep {
    /// Forward: reads `P`, `R` and the previous cell; writes the new `hidden` and `cell` and
    /// the activated gates, for the backward pass. With `nextStepRows` > 0, the rows the next
    /// step will write (`gates` that many rows on, `hidden` and `cell` that many state rows
    /// on) are fetched for writing meanwhile — hints that change no values.
    @inline(never)
    public static func forward(
        rows: Int, size: Int, units: Int,
        projected: UnsafePointer<Float>, projectedStride: Int, recurrent: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>,
        hidden: UnsafeMutablePointer<Float>, cell: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>,
        nextStepRows: Int
    ) {
        let (gateStep, stateStep) = (nextStepRows * 4 * size, nextStepRows * size)
        for b in 0..<rows {
            let p = projected + b * projectedStride
            let r = recurrent + b * 4 * size
            let (h, c, cPrevious) = (hidden + b * size, cell + b * size, previousCell + b * size)
            let g = gates + b * 4 * size
            var j = 0
            while j < units {
                if nextStepRows > 0 {
                    engine_prefetch_for_writing(g + gateStep + j); engine_prefetch_for_writing(g + gateStep + size + j)
                    engine_prefetch_for_writing(g + gateStep + 2 * size + j); engine_prefetch_for_writing(g + gateStep + 3 * size + j)
                    engine_prefetch_for_writing(h + stateStep + j); engine_prefetch_for_writing(c + stateStep + j)
                }
                let previous = load(cPrevious + j)
                let input = RationalTanh.sigmoid(load(p + j) + load(r + j))
                let forget = RationalTanh.sigmoid(load(p + size + j) + load(r + size + j))
                let candidate = RationalTanh.tanh(load(p + 2 * size + j) + load(r + 2 * size + j))
                let newCell = (input * candidate).addingProduct(forget, previous)
                let output = RationalTanh.sigmoid(load(p + 3 * size + j) + load(r + 3 * size + j))
                store(newCell, c + j)
                store(output * RationalTanh.tanh(newCell), h + j)
                store(input, g + j)
                store(forget, g + size + j)
                store(candidate, g + 2 * size + j)
                store(output, g + 3 * size + j)
                j += 16
            }
        }
    }

    /// Backward: from `∂L/∂h'` (`hiddenGradient`, zeroed on exit: all of `∂L/∂h` passes through
    /// `W_hh`) and `∂L/∂c'` (`cellGradient`, `∂L/∂c` on exit) to the gradients of the
    /// pre-activations, written to both `projectedGradient` (row `b` at
    /// `b * projectedStride`, the input projection's layout) and `recurrentGradient`
    /// `[rows, 4H]`. `extra` is the step's new cell and `previousCell` the one it started
    /// from, `[rows, H]` each. With `previousStepRows` > 0, the trace rows the step before
    /// will read (`gates`, `extra` and `previousCell` that many rows back) are fetched
    /// meanwhile.
    @inline(never)
    public static func backward(
        rows: Int, size: Int, units: Int,
        gates: UnsafePointer<Float>, extra: UnsafePointer<Float>, previousCell: UnsafePointer<Float>,
        hiddenGradient: UnsafeMutablePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
        projectedGradient: UnsafeMutablePointer<Float>, projectedStride: Int,
        recurrentGradient: UnsafeMutablePointer<Float>, previousStepRows: Int
    ) {
        let one = SIMD16<Float>(repeating: 1)
        let (gateStep, stateStep) = (previousStepRows * 4 * size, previousStepRows * size)
        for b in 0..<rows {
            let g = gates + b * 4 * size
            let (e, cPrevious) = (extra + b * size, previousCell + b * size)
            let (dh, dc) = (hiddenGradient + b * size, cellGradient + b * size)
            let dp = projectedGradient + b * projectedStride
            let dr = recurrentGradient + b * 4 * size
            var j = 0
            while j < units {
                if previousStepRows > 0 {
                    engine_prefetch(g - gateStep + j); engine_prefetch(g - gateStep + size + j)
                    engine_prefetch(g - gateStep + 2 * size + j); engine_prefetch(g - gateStep + 3 * size + j)
                    engine_prefetch(e - stateStep + j); engine_prefetch(cPrevious - stateStep + j)
                }
                let (input, forget) = (load(g + j), load(g + size + j))
                let (candidate, output) = (load(g + 2 * size + j), load(g + 3 * size + j))
                let squashedCell = RationalTanh.tanh(load(e + j))
                let incoming = load(dh + j)
                let dOutput = incoming * squashedCell * output * (one - output)
                let cellTotal = load(dc + j).addingProduct(incoming * output, one - squashedCell * squashedCell)
                let dInput = cellTotal * candidate * input * (one - input)
                let dForget = cellTotal * load(cPrevious + j) * forget * (one - forget)
                let dCandidate = cellTotal * input * (one - candidate * candidate)
                store(dInput, dp + j); store(dForget, dp + size + j)
                store(dCandidate, dp + 2 * size + j); store(dOutput, dp + 3 * size + j)
                store(dInput, dr + j); store(dForget, dr + size + j)
                store(dCandidate, dr + 2 * size + j); store(dOutput, dr + 3 * size + j)
                store(cellTotal * forget, dc + j)
                store(SIMD16(), dh + j)
                j += 16
            }
        }
    }
}
