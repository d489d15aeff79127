import WideKernels

/// PyTorch's GRU on the fused path, gates r, z, n: `r = σ(P_r + R_r)`, `z = σ(P_z + R_z)`,
/// `n = tanh(P_n + r ⊙ R_n)`, `h' = (1 − z) ⊙ n + z ⊙ h`. The reset gate scales `R_n` inside
/// the cell, so `∂P_n` and `∂R_n` differ, and the trace keeps `R_n` = `W_hn h + b_hn` in `extra`.
///
/// Where the processor has 512-bit vectors, sixteen units at a time run first in
/// `WideGRUStep` (the same arithmetic as the lanes here), all sequences of a run in one call.
struct FusedGRUCell: FusedCell {
    var name: String { "GRU" }
    var stackedGates: [Gate?] { [.reset, .update, .candidate] }
    var layerClass: RecurrentLayer.Type { GRU.self }
    var gateCount: Int { 3 }
    var hasCellState: Bool { false }
    var hasPeepholes: Bool { false }
    var hasGateRecurrence: Bool { false }
    var projectedGradientIsRecurrentGradient: Bool { false }
    var stepProducts: FusedStepProducts { .one }
    var extraCount: Int { 1 }

    func forward(_ step: FusedForwardStep) {
        let units = Self.wideKernelUnits(size: step.size)
        // The kernel walks gate rows 3H apart and extra rows H apart, with no strides of its
        // own: a change of either layout must reach it.
        precondition(step.gateWidth == 3 * step.size && step.extraWidth == step.size, "a GRU step's rows are 3H and H wide")
        forward(step, wideUnits: units) { first, count in
            WideGRUStep.forward(
                rows: count, size: step.size, units: units,
                projected: step.projected + first * step.projectedStride, projectedStride: step.projectedStride,
                recurrent: step.recurrent + first * step.gateWidth,
                previousHidden: step.previousHidden + first * step.size,
                hidden: step.hidden + first * step.size, gates: step.gates + first * step.gateWidth,
                extra: step.extra + first * step.extraWidth, nextStepRows: step.nextStepRows)
        }
    }

    func backward(_ step: FusedBackwardStep) {
        let units = Self.wideKernelUnits(size: step.size)
        precondition(step.gateWidth == 3 * step.size && step.extraWidth == step.size, "a GRU step's rows are 3H and H wide")
        backward(step, wideUnits: units) { first, count in
            WideGRUStep.backward(
                rows: count, size: step.size, units: units, gates: step.gates + first * step.gateWidth,
                extra: step.extra + first * step.extraWidth,
                previousHidden: step.previousHidden + first * step.size,
                hiddenGradient: step.hiddenGradient + first * step.size,
                projectedGradient: step.projectedGradient + first * step.projectedStride,
                projectedStride: step.projectedStride,
                recurrentGradient: step.recurrentGradient + first * step.gateWidth,
                previousStepRows: step.previousStepRows)
        }
    }

    @inline(__always)
    func forwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow) {
        let (p, r, size) = (row.projected, row.recurrent, row.size)
        let reset = L.sigmoid(L.load(p + j) + L.load(r + j))
        let update = L.sigmoid(L.load(p + size + j) + L.load(r + size + j))
        let recurrentCandidate = L.load(r + 2 * size + j)
        let candidate = L.tanh(L.fma(reset, recurrentCandidate, L.load(p + 2 * size + j)))
        // (1 − z) n + z h = n + z (h − n)
        L.store(L.fma(update, L.load(row.previousHidden + j) - candidate, candidate), row.hidden + j)
        L.store(reset, row.gates + j)
        L.store(update, row.gates + size + j)
        L.store(candidate, row.gates + 2 * size + j)
        L.store(recurrentCandidate, row.extra + j)
    }

    /// Leaves `z ⊙ ∂L/∂h'` in `hiddenGradient`: the part of `∂L/∂h` that skips `W_hh`.
    @inline(__always)
    func backwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow) {
        let (g, size, one) = (row.gates, row.size, L.splat(1))
        let (reset, update, candidate) = (L.load(g + j), L.load(g + size + j), L.load(g + 2 * size + j))
        let incoming = L.load(row.hiddenGradient + j)
        let dCandidate = incoming * (one - update) * (one - candidate * candidate)
        let dUpdate = incoming * (L.load(row.previousHidden + j) - candidate) * update * (one - update)
        let dReset = dCandidate * L.load(row.extra + j) * reset * (one - reset)
        let (dp, dr) = (row.projectedGradient, row.recurrentGradient)
        L.store(dReset, dp + j); L.store(dUpdate, dp + size + j); L.store(dCandidate, dp + 2 * size + j)
        L.store(dReset, dr + j); L.store(dUpdate, dr + size + j); L.store(dCandidate * reset, dr + 2 * size + j)
        L.store(incoming * update, row.hiddenGradient + j)
    }
}
