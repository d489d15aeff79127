/// The buffers of one backward step for `rows` sequences, as `FusedCell.backward` reads and
/// writes them: from the gradient of the new state to those of the pre-activations and of
/// the previous state. The products with `W_hh` are the caller's.
///
/// Per sequence `b`, with `H` = `size`, `G` the gate count and `E` the cell's `extraCount`:
/// `gates`, `recurrentGradient` `[G·H]` at `b · G·H`; `projectedGradient` `[G·H]` at
/// `b · projectedStride`; states and state gradients `[H]` at `b · H`; `extra` `[E·H]` at
/// `b · E·H`; `gateValueGradient` `[3H]` at `b · 3H`.
struct FusedBackwardStep {
    let size: Int
    let rows: Int
    let gateWidth: Int
    let extraWidth: Int
    /// Whether sequence `b` took this step (`nil`: all did); an inactive one's rows are left
    /// as they are.
    let active: ((Int) -> Bool)?
    /// As the forward step stored them.
    let gates: UnsafePointer<Float>
    let extra: UnsafePointer<Float>
    /// The state the step started from, and the new cell (cells with one; else stand-ins
    /// never read).
    let previousHidden: UnsafePointer<Float>
    let previousCell: UnsafePointer<Float>
    let newCell: UnsafePointer<Float>
    /// `∂L/∂h'` on entry; on exit the part of `∂L/∂h` that does not pass through `W_hh` (the
    /// GRU's `z ⊙ ∂L/∂h'`; zero for the RNN and LSTMs).
    let hiddenGradient: UnsafeMutablePointer<Float>
    /// `∂L/∂c'` on entry, `∂L/∂c` on exit (cells with a cell state).
    let cellGradient: UnsafeMutablePointer<Float>
    /// Receive `∂L/∂P` and `∂L/∂R`; the same memory when the cell's
    /// `projectedGradientIsRecurrentGradient`, and the step then writes its values twice.
    let projectedGradient: UnsafeMutablePointer<Float>
    let projectedStride: Int
    let recurrentGradient: UnsafeMutablePointer<Float>
    /// `[3H]` peephole weights and the gradient added into (cells with peepholes).
    let peephole: UnsafePointer<Float>
    let peepholeGradient: UnsafeMutablePointer<Float>
    /// With full gate recurrence, extra gradients of the i, f and o values from the next
    /// step's pre-activations.
    let gateValueGradient: UnsafePointer<Float>?
    /// `[H]` per sequence: `∂L/∂s` for a gated-state cell's `gatedStateBackwardLanes` (others:
    /// a stand-in never read).
    let gatedStateGradient: UnsafePointer<Float>
    /// See `FusedForwardStep.prefetchRows`; 0 at the first step.
    let previousStepRows: Int

    /// Whether sequence `b` took this step.
    @inline(__always)
    func isActive(_ b: Int) -> Bool { active?(b) ?? true }

    /// The same step for sequences `range` only (one part's rows, `WorkShare`): every
    /// per-sequence pointer moved to the range's first sequence. Only for cells without
    /// peepholes, whose shared gradient every sequence adds into in turn.
    func sequences(_ range: Range<Int>) -> FusedBackwardStep {
        let first = range.lowerBound
        return FusedBackwardStep(
            size: size, rows: range.count, gateWidth: gateWidth, extraWidth: extraWidth,
            active: active.map { active in { active(first + $0) } },
            gates: gates + first * gateWidth, extra: extra + first * extraWidth,
            previousHidden: previousHidden + first * size, previousCell: previousCell + first * size,
            newCell: newCell + first * size, hiddenGradient: hiddenGradient + first * size,
            cellGradient: cellGradient + first * size, projectedGradient: projectedGradient + first * projectedStride,
            projectedStride: projectedStride, recurrentGradient: recurrentGradient + first * gateWidth,
            peephole: peephole, peepholeGradient: peepholeGradient,
            gateValueGradient: gateValueGradient.map { $0 + first * 3 * size },
            gatedStateGradient: gatedStateGradient + first * size, previousStepRows: previousStepRows)
    }

    /// Sequence `b`'s pointers.
    @inline(__always)
    func row(_ b: Int) -> FusedBackwardRow {
        FusedBackwardRow(
            size: size, gates: gates + b * gateWidth, extra: extra + b * extraWidth,
            previousHidden: previousHidden + b * size, previousCell: previousCell + b * size, newCell: newCell + b * size,
            hiddenGradient: hiddenGradient + b * size, cellGradient: cellGradient + b * size,
            projectedGradient: projectedGradient + b * projectedStride, recurrentGradient: recurrentGradient + b * gateWidth,
            peephole: peephole, peepholeGradient: peepholeGradient,
            gateValueGradient: gateValueGradient.map { $0 + b * 3 * size },
            gatedStateGradient: gatedStateGradient + b * size)
    }
}

/// One sequence's part of a `FusedBackwardStep`: pointers to unit 0 of each of its vectors.
struct FusedBackwardRow {
    let size: Int
    let gates: UnsafePointer<Float>
    let extra: UnsafePointer<Float>
    let previousHidden: UnsafePointer<Float>
    let previousCell: UnsafePointer<Float>
    let newCell: UnsafePointer<Float>
    let hiddenGradient: UnsafeMutablePointer<Float>
    let cellGradient: UnsafeMutablePointer<Float>
    let projectedGradient: UnsafeMutablePointer<Float>
    let recurrentGradient: UnsafeMutablePointer<Float>
    let peephole: UnsafePointer<Float>
    /// Shared by all sequences: each adds its part in turn.
    let peepholeGradient: UnsafeMutablePointer<Float>
    let gateValueGradient: UnsafePointer<Float>?
    let gatedStateGradient: UnsafePointer<Float>
}
