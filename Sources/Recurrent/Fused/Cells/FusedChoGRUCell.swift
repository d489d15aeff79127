/// Cho et al.'s original GRU on the fused path, gates r, z, n: the reset gate scales the state
/// before the candidate's product, `n = tanh(P_n + W_hn (r ⊙ h) + b_hn)`, so a step needs two
/// products (`FusedStepProducts.gatedState`): r and z from `h`, then n from `s = r ⊙ h`, which
/// the trace keeps in `extra`. `h' = (1 − z) ⊙ n + z ⊙ h`, blended as the GRU blends it.
/// `P_n` and `R_n` enter as a sum, so `∂P = ∂R`.
struct FusedChoGRUCell: FusedGatedStateCell {
    var name: String { "Cho's GRU" }
    var stackedGates: [Gate?] { [.reset, .update, .candidate] }
    var layerClass: RecurrentLayer.Type { ChoGRU.self }
    var gateCount: Int { 3 }
    var hasCellState: Bool { false }
    var hasPeepholes: Bool { false }
    var hasGateRecurrence: Bool { false }
    var projectedGradientIsRecurrentGradient: Bool { true }
    var stepProducts: FusedStepProducts { .gatedState(self) }
    var extraCount: Int { 1 }
    /// r and z read `h`; n reads `r ⊙ h`.
    var leadingGateCount: Int { 2 }

    /// r and z, and `s = r ⊙ h`.
    @inline(__always)
    func gatedStateForwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow) {
        let (p, r, size) = (row.projected, row.recurrent, row.size)
        let reset = L.sigmoid(L.load(p + j) + L.load(r + j))
        let update = L.sigmoid(L.load(p + size + j) + L.load(r + size + j))
        L.store(reset, row.gates + j)
        L.store(update, row.gates + size + j)
        L.store(reset * L.load(row.previousHidden + j), row.extra + j)
    }

    /// n from the second product, and the new state.
    @inline(__always)
    func forwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow) {
        let size = row.size
        let update = L.load(row.gates + size + j)
        let candidate = L.tanh(L.load(row.projected + 2 * size + j) + L.load(row.recurrent + 2 * size + j))
        // (1 − z) n + z h = n + z (h − n)
        L.store(L.fma(update, L.load(row.previousHidden + j) - candidate, candidate), row.hidden + j)
        L.store(candidate, row.gates + 2 * size + j)
    }

    /// `∂z`, `∂n`, and `z ⊙ ∂L/∂h'` left in `hiddenGradient`.
    @inline(__always)
    func backwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow) {
        let (g, size, one) = (row.gates, row.size, L.splat(1))
        let (update, candidate) = (L.load(g + size + j), L.load(g + 2 * size + j))
        let incoming = L.load(row.hiddenGradient + j)
        let dCandidate = incoming * (one - update) * (one - candidate * candidate)
        let dUpdate = incoming * (L.load(row.previousHidden + j) - candidate) * update * (one - update)
        let (dp, dr) = (row.projectedGradient, row.recurrentGradient)
        L.store(dUpdate, dp + size + j); L.store(dCandidate, dp + 2 * size + j)
        L.store(dUpdate, dr + size + j); L.store(dCandidate, dr + 2 * size + j)
        L.store(incoming * update, row.hiddenGradient + j)
    }

    /// `∂r` from `∂L/∂s`, and `∂L/∂s ⊙ r` added into `∂L/∂h`.
    @inline(__always)
    func gatedStateBackwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow) {
        let reset = L.load(row.gates + j)
        let stateGradient = L.load(row.gatedStateGradient + j)
        let dReset = stateGradient * L.load(row.previousHidden + j) * reset * (L.splat(1) - reset)
        L.store(dReset, row.projectedGradient + j)
        L.store(dReset, row.recurrentGradient + j)
        L.store(L.load(row.hiddenGradient + j) + stateGradient * reset, row.hiddenGradient + j)
    }
}
