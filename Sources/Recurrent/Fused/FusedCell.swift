/// What one kind of fused cell is, for `RecurrentStack`: everything the stack, the trace and
/// the backward pass need to know about a kind, stated in one type per kind, and its
/// pointwise arithmetic (the part of a step that is not a matrix product).
///
/// `RecurrentCellKind.fusedCell` picks the description of a kind; the stack asks it rather
/// than testing kinds, and the public kind reads its name and gates from it
/// (`CellKindDescription`). A new fused kind is one conforming type, its case and that line.
///
/// Shapes: `H` is the hidden size, `G` the `gateCount`. A step reads `P` = `W_ih x + b_ih` and
/// `R` = `W_hh h + b_hh` (or, for a gated-state cell, `W_hh` applied to the gated state in
/// its later blocks), `[G·H]` each per sequence, in PyTorch's gate order.
protocol FusedCell: CellKindDescription {
    /// How many blocks of `H` rows `weight_ih` and `weight_hh` stack.
    var gateCount: Int { get }
    /// Whether there is a cell state `c` besides `h` (the LSTMs). Its trace is the states
    /// themselves: a step's new cell is the next block of `cellStates`.
    var hasCellState: Bool { get }
    /// Whether there are peephole weights `weight_peephole` `[3H]` (cell to i, f, o).
    var hasPeepholes: Bool { get }
    /// Whether there are gate-to-gate weights `weight_gates` `[3H, 3H]` (`GateRecurrence`, on
    /// an LSTM's `[4H]` gate layout).
    var hasGateRecurrence: Bool { get }
    /// Whether `∂L/∂P` equals `∂L/∂R` in every block, so one buffer holds both. False when a
    /// block's `R` is scaled inside the cell (the GRU's `r ⊙ (W_hn h + b_hn)`).
    var projectedGradientIsRecurrentGradient: Bool { get }
    /// Which matrix products a step needs for `R`.
    var stepProducts: FusedStepProducts { get }
    /// How many `[H]` vectors per sequence and step the trace keeps in `extra` besides the
    /// gates and states (GRU: `W_hn h + b_hn`; a gated-state cell: the gated state first).
    var extraCount: Int { get }

    /// Units `j ..< j + L.width` of one sequence's forward step (see `FusedForwardRow`):
    /// writes the new state, the activated gates and the cell's `extra` values.
    func forwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow)
    /// Units `j ..< j + L.width` of one sequence's backward step (see `FusedBackwardRow`).
    func backwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow)

    /// The pointwise forward step of every active sequence. The default (`FusedCell+Lanes`)
    /// runs `forwardLanes` sixteen units at a time, then eight, then one at a time.
    func forward(_ step: FusedForwardStep)
    /// The pointwise backward step of every active sequence; default as for `forward`.
    func backward(_ step: FusedBackwardStep)
}

/// The recurrent matrix products of one step.
enum FusedStepProducts {
    /// `R = h · W_hhᵀ + b_hh` for every block: one product.
    case one
    /// Blocks `0 ..< leadingGateCount` read `h`; the cell then forms a gated state `s` from
    /// those gates and `h` (Cho's GRU: `r ⊙ h`), and the other blocks read `s`: two products,
    /// with the cell's `gatedState…` lanes between them.
    case gatedState(any FusedGatedStateCell)
}

/// A cell whose later gate blocks read a gated state `s` `[H]` instead of `h` (Cho et al.'s
/// GRU): `R[0 ..< k·H] = h · W_hh[0 ..< k·H]ᵀ`, then `s`, then `R[k·H ..< G·H] = s · W_hh[k·H ..< G·H]ᵀ`
/// (bias `b_hh` throughout), for `k` = `leadingGateCount`. `s` is the first `[H]` of the
/// cell's `extra` trace, which the second product and the weight gradient read for every
/// sequence.
protocol FusedGatedStateCell: FusedCell {
    var leadingGateCount: Int { get }
    /// Units `j ..< j + L.width`: from `P`, `R` of the leading blocks and `h`, the leading
    /// gates into `gates` and `s` into `extra`.
    func gatedStateForwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow)
    /// Units `j ..< j + L.width`, after `backwardLanes` and the product
    /// `∂L/∂s = ∂R[k·H ..<] · W_hh[k·H ..<]` (in `gatedStateGradient`): the gradients of the
    /// leading blocks' pre-activations, and `∂L/∂h` through `s` added into `hiddenGradient`.
    func gatedStateBackwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow)

    /// `gatedStateForwardLanes` over every sequence, active or not (default in `FusedCell+Lanes`).
    func forwardGatedState(_ step: FusedForwardStep)
    /// `gatedStateBackwardLanes` over every active sequence (default in `FusedCell+Lanes`).
    func backwardGatedState(_ step: FusedBackwardStep)
}

extension FusedCell {
    /// How many gate blocks read `h` in a step's product: all of them, or a gated-state
    /// cell's leading ones (the rest read its gated state).
    var stateGateCount: Int {
        switch stepProducts {
        case .one: gateCount
        case .gatedState(let cell): cell.leadingGateCount
        }
    }
}

/// What cells with a 16-wide step kernel (`WideLSTMStep`, `WideGRUStep`) share: how many units
/// it takes, and the runs of sequences to call it on.
extension FusedCell {
    /// Units a 16-wide step kernel takes at this hidden size: the largest multiple of 16 when
    /// the processor has 512-bit vectors (`Engine.usesWideVectors`), else none. The lanes do
    /// the rest with the same arithmetic.
    static func wideKernelUnits(size: Int) -> Int {
        Engine.usesWideVectors ? size - size % 16 : 0
    }

    /// A forward step whose first `units` units a step kernel takes: `kernel(first, count)`
    /// for each run of active sequences, then the lanes for the units left.
    @inline(__always)
    func forward(_ step: FusedForwardStep, wideUnits units: Int, kernel: (_ first: Int, _ count: Int) -> Void) {
        if units > 0 { Self.forEachActiveRun(rows: step.rows, active: step.active, kernel) }
        if units < step.size { forwardUnits(step, from: units) }
    }

    /// A backward step whose first `units` units a step kernel takes, as for `forward`.
    @inline(__always)
    func backward(_ step: FusedBackwardStep, wideUnits units: Int, kernel: (_ first: Int, _ count: Int) -> Void) {
        if units > 0 { Self.forEachActiveRun(rows: step.rows, active: step.active, kernel) }
        if units < step.size { backwardUnits(step, from: units) }
    }

    /// Calls `body(first, count)` for each run of consecutive active sequences (all `rows`
    /// when `active` is nil): a step kernel takes whole runs, so the independent work of
    /// their sequences overlaps.
    @inline(__always)
    static func forEachActiveRun(rows: Int, active: ((Int) -> Bool)?, _ body: (_ first: Int, _ count: Int) -> Void) {
        guard let active else { return body(0, rows) }
        var b = 0
        while b < rows {
            guard active(b) else { b += 1; continue }
            let first = b
            while b < rows && active(b) { b += 1 }
            body(first, b - first)
        }
    }
}
