/// The buffers of one forward step for `rows` sequences, as `FusedCell.forward` reads and
/// writes them once the step's matrix products are done.
///
/// Per sequence `b`, with `H` = `size`, `G` the gate count and `E` the cell's `extraCount`:
/// `projected` `P` `[G·H]` at `b · projectedStride`; `recurrent` `R` and `gates` `[G·H]` at
/// `b · G·H`; the states `[H]` at `b · H`; `extra` `[E·H]` at `b · E·H`.
struct FusedForwardStep {
    let size: Int
    let rows: Int
    let gateWidth: Int
    let extraWidth: Int
    /// Whether sequence `b` takes this step (`nil`: all do); an inactive one's state, gates
    /// and extra values are left as they are.
    let active: ((Int) -> Bool)?
    let projected: UnsafePointer<Float>
    let projectedStride: Int
    let recurrent: UnsafePointer<Float>
    /// The state the step starts from (the cell for cells with one; else a stand-in never read).
    let previousHidden: UnsafePointer<Float>
    let previousCell: UnsafePointer<Float>
    /// Receive the new state. Separate from the previous one so that a trace can hold the
    /// states of all steps without copying them.
    let hidden: UnsafeMutablePointer<Float>
    let cell: UnsafeMutablePointer<Float>
    /// Receives the activated gates (an RNN's: the new state).
    let gates: UnsafeMutablePointer<Float>
    let extra: UnsafeMutablePointer<Float>
    /// `[3H]` peephole weights, for cells with them.
    let peephole: UnsafePointer<Float>
    /// Rows of the next step for the step kernels to fetch meanwhile (`prefetchRows`); 0
    /// when no step follows in the same buffers.
    let nextStepRows: Int

    /// Whether sequence `b` takes this step.
    @inline(__always)
    func isActive(_ b: Int) -> Bool { active?(b) ?? true }

    /// Sequence `b`'s pointers.
    @inline(__always)
    func row(_ b: Int) -> FusedForwardRow {
        FusedForwardRow(
            size: size, projected: projected + b * projectedStride, recurrent: recurrent + b * gateWidth,
            previousHidden: previousHidden + b * size, previousCell: previousCell + b * size,
            hidden: hidden + b * size, cell: cell + b * size, gates: gates + b * gateWidth,
            extra: extra + b * extraWidth, peephole: peephole)
    }

    /// The same step for sequences `range` only (one part's rows, `WorkShare`): every pointer
    /// moved to the range's first sequence. The strides to the next step's rows stay.
    func sequences(_ range: Range<Int>) -> FusedForwardStep {
        let first = range.lowerBound
        return FusedForwardStep(
            size: size, rows: range.count, gateWidth: gateWidth, extraWidth: extraWidth,
            active: active.map { active in { active(first + $0) } },
            projected: projected + first * projectedStride, projectedStride: projectedStride,
            recurrent: recurrent + first * gateWidth, previousHidden: previousHidden + first * size,
            previousCell: previousCell + first * size, hidden: hidden + first * size, cell: cell + first * size,
            gates: gates + first * gateWidth, extra: extra + first * extraWidth, peephole: peephole,
            nextStepRows: nextStepRows)
    }

    /// The rows of the neighbouring step the step kernels should ask the cache for while they
    /// work on this one (`previousStepRows` backward, `nextStepRows` forward): `batch` when a
    /// step's gate rows are 32 KB or more, else 0. At 128 units (64 KB a step) the wide LSTM's
    /// backward step waited on the trace for a third of its time, and its forward step on the
    /// lines it writes; at 32 units the hardware's own prefetching keeps up and the hints only
    /// cost instructions (2–4% slower). Measured on the LSTM; the wide GRU kernel and every
    /// cell's lanes (`FusedCell.forwardUnits`) use the same threshold. In the lanes, on an AMD
    /// EPYC Zen 3 with the two ways alternating in one process, the hints made the h128 LSTM's
    /// training step 3.5–4.7% faster and the h128 GRU's 2–3% (h256 LSTM level).
    static func prefetchRows(batch: Int, gateWidth: Int) -> Int {
        batch * gateWidth * MemoryLayout<Float>.stride >= 32 << 10 ? batch : 0
    }
}

/// One sequence's part of a `FusedForwardStep`: pointers to unit 0 of each of its vectors.
struct FusedForwardRow {
    let size: Int
    /// `P`, `[G·H]`.
    let projected: UnsafePointer<Float>
    /// `R`, `[G·H]`.
    let recurrent: UnsafePointer<Float>
    let previousHidden: UnsafePointer<Float>
    let previousCell: UnsafePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    let cell: UnsafeMutablePointer<Float>
    /// `[G·H]`.
    let gates: UnsafeMutablePointer<Float>
    /// `[E·H]`.
    let extra: UnsafeMutablePointer<Float>
    /// `[3H]`, shared by all sequences.
    let peephole: UnsafePointer<Float>
}
