import Foundation
import WideKernels

/// The pointwise part of one step of a built-in cell, forward and backward, for the
/// sequences of a batch. Both sides of the step's matrix products are done by the caller.
///
/// Forward reads `P` = `W_ih x_t + b_ih` and `R` = `W_hh h + b_hh` (each `gateCount * H`
/// values in PyTorch's gate order) and the previous state; it writes the new state and the
/// values the backward pass needs.
enum CellStep {
    /// The rows of the neighbouring step the wide LSTM kernels should ask the cache for while
    /// they work on this one (`previousStepRows` backward, `nextStepRows` forward): `batch`
    /// when a step's gate rows are 32 KB or more, else 0. At 128 units (64 KB a step) the
    /// backward step waited on the trace for a third of its time, and the forward step on the
    /// lines it writes; at 32 units the hardware's own prefetching keeps up and the hints only
    /// cost instructions (2–4% slower).
    static func prefetchRows(batch: Int, gateWidth: Int) -> Int {
        batch * gateWidth * MemoryLayout<Float>.stride >= 32 << 10 ? batch : 0
    }

    /// One forward step for `rows` sequences.
    ///
    /// - Parameters:
    ///   - active: whether sequence `b` takes this step (`nil`: all do); an inactive one's
    ///     state and trace rows are left as they are.
    ///   - projected: `P` for sequence 0; sequence `b`'s is `projectedStride` further on.
    ///   - recurrent: `R`, `[rows, gateCount * H]`.
    ///   - previousHidden, previousCell: `[rows, H]`: the state the step starts from (the cell
    ///     for LSTMs only).
    ///   - hidden, cell: `[rows, H]`: receive the new state. Separate from the previous one so
    ///     that a trace can hold the states of all steps without copying them.
    ///   - gates: `[rows, gateCount * H]`: receives the activated gates (RNN: the new state).
    ///   - extra: `[rows, H]`: receives the GRU's `W_hn h + b_hn` (other cells: untouched; an
    ///     LSTM's new cell is `cell`).
    ///   - peephole: `[3H]` peephole weights (peephole LSTM only).
    ///   - nextStepRows: see `prefetchRows`; 0 when no step follows in the same buffers.
    ///
    /// Units are processed eight at a time and the remainder one at a time, with the same
    /// arithmetic, so a unit's result does not depend on the hidden size. PyTorch's LSTM runs
    /// sixteen at a time first where the processor has 512-bit vectors (`WideLSTMStep`, same
    /// arithmetic again), all sequences in one call so that their independent work overlaps.
    static func forward(
        _ kind: RecurrentCellKind, size: Int, rows: Int, active: ((Int) -> Bool)?,
        projected: UnsafePointer<Float>, projectedStride: Int, recurrent: UnsafePointer<Float>,
        previousHidden: UnsafePointer<Float>, previousCell: UnsafePointer<Float>,
        hidden: UnsafeMutablePointer<Float>, cell: UnsafeMutablePointer<Float>,
        gates: UnsafeMutablePointer<Float>, extra: UnsafeMutablePointer<Float>,
        peephole: UnsafePointer<Float>, nextStepRows: Int = 0
    ) {
        let gateWidth = kind.gateCount * size
        var wideUnits = 0
        if kind.lstmStructure == .standard && Engine.usesWideVectors {
            wideUnits = size - size % 16
            forEachRun(rows: rows, active: active) { first, count in
                WideLSTMStep.forward(
                    rows: count, size: size, units: wideUnits,
                    projected: projected + first * projectedStride, projectedStride: projectedStride,
                    recurrent: recurrent + first * gateWidth, previousCell: previousCell + first * size,
                    hidden: hidden + first * size, cell: cell + first * size, gates: gates + first * gateWidth,
                    nextStepRows: nextStepRows)
            }
            if wideUnits == size { return }
        }
        for b in 0..<rows where active?(b) ?? true {
            forwardRow(
                kind, size: size, from: wideUnits, projected: projected + b * projectedStride, recurrent: recurrent + b * gateWidth,
                previousHidden: previousHidden + b * size, previousCell: previousCell + b * size,
                hidden: hidden + b * size, cell: cell + b * size, gates: gates + b * gateWidth, extra: extra + b * size,
                peephole: peephole)
        }
    }

    /// Calls `body(first, count)` for each run of consecutive active sequences.
    @inline(__always)
    private static func forEachRun(rows: Int, active: ((Int) -> Bool)?, _ body: (_ first: Int, _ count: Int) -> Void) {
        guard let active else { return body(0, rows) }
        var b = 0
        while b < rows {
            guard active(b) else { b += 1; continue }
            let first = b
            while b < rows && active(b) { b += 1 }
            body(first, b - first)
        }
    }

    /// Units `start ..< size` of one sequence's forward step (arguments as in `forward`, for
    /// that sequence).
    @inline(__always)
    private static func forwardRow(
        _ kind: RecurrentCellKind, size: Int, from start: Int,
        projected p: UnsafePointer<Float>, recurrent r: UnsafePointer<Float>,
        previousHidden ph: UnsafePointer<Float>, previousCell pc: UnsafePointer<Float>,
        hidden h: UnsafeMutablePointer<Float>, cell c: UnsafeMutablePointer<Float>,
        gates g: UnsafeMutablePointer<Float>, extra e: UnsafeMutablePointer<Float>,
        peephole w: UnsafePointer<Float>
    ) {
        let vectorEnd = size - size % 8
        var j = start
        if let structure = kind.lstmStructure {
            while j < vectorEnd {
                lstmForwardLanes(structure, size: size, j: j, p: p, r: r, pc: pc, h: h, c: c, g: g, w: w, lanes: Lanes8.self)
                j += 8
            }
            while j < size {
                lstmForwardLanes(structure, size: size, j: j, p: p, r: r, pc: pc, h: h, c: c, g: g, w: w, lanes: Lanes1.self)
                j += 1
            }
            return
        }
        while j < vectorEnd {
            forwardLanes(kind, size: size, j: j, p: p, r: r, ph: ph, h: h, g: g, e: e, w: w, lanes: Lanes8.self)
            j += 8
        }
        while j < size {
            forwardLanes(kind, size: size, j: j, p: p, r: r, ph: ph, h: h, g: g, e: e, w: w, lanes: Lanes1.self)
            j += 1
        }
    }

    /// One group of lanes of an LSTM step with the parts `structure` has (see `LSTMStructure`).
    /// Gates store their activated values, 1 for a removed gate.
    @inline(__always)
    private static func lstmForwardLanes<L: Lanes>(
        _ structure: LSTMStructure, size: Int, j: Int,
        p: UnsafePointer<Float>, r: UnsafePointer<Float>, pc: UnsafePointer<Float>,
        h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>,
        g: UnsafeMutablePointer<Float>, w: UnsafePointer<Float>, lanes: L.Type
    ) {
        let one = L.splat(1)
        let peep = structure.peepholes
        let previous = L.load(pc + j)
        var input = one
        if structure.inputGate {
            var inputPre = L.load(p + j) + L.load(r + j)
            if peep { inputPre = L.fma(L.load(w + j), previous, inputPre) }
            input = L.sigmoid(inputPre)
        }
        var forget = one
        if structure.coupledGates {
            forget = one - input
        } else if structure.forgetGate {
            var forgetPre = L.load(p + size + j) + L.load(r + size + j)
            if peep { forgetPre = L.fma(L.load(w + size + j), previous, forgetPre) }
            forget = L.sigmoid(forgetPre)
        }
        let blockPre = L.load(p + 2 * size + j) + L.load(r + 2 * size + j)
        let candidate = structure.inputActivation ? L.tanh(blockPre) : blockPre
        let newCell = L.fma(forget, previous, input * candidate)
        var output = one
        if structure.outputGate {
            var outputPre = L.load(p + 3 * size + j) + L.load(r + 3 * size + j)
            if peep { outputPre = L.fma(L.load(w + 2 * size + j), newCell, outputPre) }
            output = L.sigmoid(outputPre)
        }
        L.store(newCell, c + j)
        L.store(output * (structure.outputActivation ? L.tanh(newCell) : newCell), h + j)
        L.store(input, g + j)
        L.store(forget, g + size + j)
        L.store(candidate, g + 2 * size + j)
        L.store(output, g + 3 * size + j)
    }

    @inline(__always)
    private static func forwardLanes<L: Lanes>(
        _ kind: RecurrentCellKind, size: Int, j: Int,
        p: UnsafePointer<Float>, r: UnsafePointer<Float>, ph: UnsafePointer<Float>, h: UnsafeMutablePointer<Float>,
        g: UnsafeMutablePointer<Float>, e: UnsafeMutablePointer<Float>, w: UnsafePointer<Float>, lanes: L.Type
    ) {
        switch kind {
        case .rnnTanh:
            let value = L.tanh(L.load(p + j) + L.load(r + j))
            L.store(value, h + j)
            L.store(value, g + j)
        case .rnnReLU:
            let value = L.relu(L.load(p + j) + L.load(r + j))
            L.store(value, h + j)
            L.store(value, g + j)
        case .lstm, .peepholeLSTM, .structuredLSTM:
            fatalError("LSTM steps run in lstmForwardLanes")
        case .gru:
            let reset = L.sigmoid(L.load(p + j) + L.load(r + j))
            let update = L.sigmoid(L.load(p + size + j) + L.load(r + size + j))
            let recurrentCandidate = L.load(r + 2 * size + j)
            let candidate = L.tanh(L.fma(reset, recurrentCandidate, L.load(p + 2 * size + j)))
            // (1 − z) n + z h = n + z (h − n)
            L.store(L.fma(update, L.load(ph + j) - candidate, candidate), h + j)
            L.store(reset, g + j)
            L.store(update, g + size + j)
            L.store(candidate, g + 2 * size + j)
            L.store(recurrentCandidate, e + j)
        case .choGRU:
            fatalError("choGRU steps run in RecurrentStack's two-product path")
        }
    }

    /// One backward step for `rows` sequences: from the gradient of the new state to the
    /// gradients of the pre-activations and of the previous state.
    ///
    /// - Parameters:
    ///   - active: whether sequence `b` took this step (`nil`: all did); an inactive one's
    ///     rows are left as they are.
    ///   - gates, extra, previousHidden, previousCell: as stored by `forward` for this step
    ///     (`[rows, gateCount * H]`, `[rows, H]` each); for an LSTM `extra` is the step's new
    ///     cell.
    ///   - hiddenGradient: `[rows, H]`: `∂L/∂h'` on entry; on exit the part of `∂L/∂h` that
    ///     does not pass through `W_hh` (the GRU's `z ⊙ ∂L/∂h'`), zero for the other cells.
    ///   - cellGradient: `[rows, H]`: `∂L/∂c'` on entry, `∂L/∂c` on exit (LSTM only).
    ///   - projectedGradient: receives `∂L/∂P`, `gateCount * H` values for sequence 0 and
    ///     sequence `b`'s `projectedStride` further on.
    ///   - recurrentGradient: `[rows, gateCount * H]`: receives `∂L/∂R` (differs from `∂L/∂P`
    ///     only in the GRU's candidate gate, where `R` is scaled by `r`).
    ///   - peephole, peepholeGradient: `[3H]` peephole weights and the gradient added into
    ///     (peephole LSTM only).
    ///   - gateValueGradient: with full gate recurrence, `[rows, 3H]` extra gradients of the
    ///     i, f and o values.
    ///   - previousStepRows: see `prefetchRows`; 0 at the first step.
    static func backward(
        _ kind: RecurrentCellKind, size: Int, rows: Int, active: ((Int) -> Bool)?,
        gates: UnsafePointer<Float>, extra: UnsafePointer<Float>,
        previousHidden: UnsafePointer<Float>, previousCell: UnsafePointer<Float>,
        hiddenGradient: UnsafeMutablePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
        projectedGradient: UnsafeMutablePointer<Float>, projectedStride: Int, recurrentGradient: UnsafeMutablePointer<Float>,
        peephole: UnsafePointer<Float>, peepholeGradient: UnsafeMutablePointer<Float>,
        gateValueGradient: UnsafePointer<Float>? = nil, previousStepRows: Int = 0
    ) {
        let gateWidth = kind.gateCount * size
        var wideUnits = 0
        if kind.lstmStructure == .standard && gateValueGradient == nil && Engine.usesWideVectors {
            wideUnits = size - size % 16
            forEachRun(rows: rows, active: active) { first, count in
                WideLSTMStep.backward(
                    rows: count, size: size, units: wideUnits, gates: gates + first * gateWidth, extra: extra + first * size,
                    previousCell: previousCell + first * size,
                    hiddenGradient: hiddenGradient + first * size, cellGradient: cellGradient + first * size,
                    projectedGradient: projectedGradient + first * projectedStride, projectedStride: projectedStride,
                    recurrentGradient: recurrentGradient + first * gateWidth, previousStepRows: previousStepRows)
            }
            if wideUnits == size { return }
        }
        for b in 0..<rows where active?(b) ?? true {
            backwardRow(
                kind, size: size, from: wideUnits, gates: gates + b * gateWidth, extra: extra + b * size,
                previousHidden: previousHidden + b * size, previousCell: previousCell + b * size,
                hiddenGradient: hiddenGradient + b * size, cellGradient: cellGradient + b * size,
                projectedGradient: projectedGradient + b * projectedStride, recurrentGradient: recurrentGradient + b * gateWidth,
                peephole: peephole, peepholeGradient: peepholeGradient,
                gateValueGradient: gateValueGradient.map { $0 + b * 3 * size })
        }
    }

    /// Units `start ..< size` of one sequence's backward step (arguments as in `backward`, for
    /// that sequence).
    @inline(__always)
    private static func backwardRow(
        _ kind: RecurrentCellKind, size: Int, from start: Int,
        gates g: UnsafePointer<Float>, extra e: UnsafePointer<Float>,
        previousHidden hPrevious: UnsafePointer<Float>, previousCell cPrevious: UnsafePointer<Float>,
        hiddenGradient dh: UnsafeMutablePointer<Float>, cellGradient dc: UnsafeMutablePointer<Float>,
        projectedGradient dp: UnsafeMutablePointer<Float>, recurrentGradient dr: UnsafeMutablePointer<Float>,
        peephole w: UnsafePointer<Float>, peepholeGradient dw: UnsafeMutablePointer<Float>,
        gateValueGradient q: UnsafePointer<Float>?
    ) {
        let vectorEnd = size - size % 8
        var j = start
        if let structure = kind.lstmStructure {
            while j < vectorEnd {
                lstmBackwardLanes(structure, size: size, j: j, g: g, e: e, cPrevious: cPrevious,
                                  dh: dh, dc: dc, dp: dp, dr: dr, w: w, dw: dw, q: q, lanes: Lanes8.self)
                j += 8
            }
            while j < size {
                lstmBackwardLanes(structure, size: size, j: j, g: g, e: e, cPrevious: cPrevious,
                                  dh: dh, dc: dc, dp: dp, dr: dr, w: w, dw: dw, q: q, lanes: Lanes1.self)
                j += 1
            }
            return
        }
        while j < vectorEnd {
            backwardLanes(kind, size: size, j: j, g: g, e: e, hPrevious: hPrevious, cPrevious: cPrevious,
                          dh: dh, dc: dc, dp: dp, dr: dr, w: w, dw: dw, lanes: Lanes8.self)
            j += 8
        }
        while j < size {
            backwardLanes(kind, size: size, j: j, g: g, e: e, hPrevious: hPrevious, cPrevious: cPrevious,
                          dh: dh, dc: dc, dp: dp, dr: dr, w: w, dw: dw, lanes: Lanes1.self)
            j += 1
        }
    }

    @inline(__always)
    private static func backwardLanes<L: Lanes>(
        _ kind: RecurrentCellKind, size: Int, j: Int,
        g: UnsafePointer<Float>, e: UnsafePointer<Float>, hPrevious: UnsafePointer<Float>, cPrevious: UnsafePointer<Float>,
        dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>, dp: UnsafeMutablePointer<Float>,
        dr: UnsafeMutablePointer<Float>, w: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>, lanes: L.Type
    ) {
        let one = L.splat(1)
        switch kind {
        case .rnnTanh:
            let y = L.load(g + j)
            let value = L.load(dh + j) * (one - y * y)
            L.store(value, dp + j)
            L.store(value, dr + j)
            L.store(L.splat(0), dh + j)
        case .rnnReLU:
            let value = L.positiveMask(L.load(g + j), L.load(dh + j))
            L.store(value, dp + j)
            L.store(value, dr + j)
            L.store(L.splat(0), dh + j)
        case .lstm, .peepholeLSTM, .structuredLSTM:
            fatalError("LSTM steps run in lstmBackwardLanes")
        case .gru:
            let (reset, update, candidate) = (L.load(g + j), L.load(g + size + j), L.load(g + 2 * size + j))
            let incoming = L.load(dh + j)
            let dCandidate = incoming * (one - update) * (one - candidate * candidate)
            let dUpdate = incoming * (L.load(hPrevious + j) - candidate) * update * (one - update)
            let dReset = dCandidate * L.load(e + j) * reset * (one - reset)
            L.store(dReset, dp + j); L.store(dUpdate, dp + size + j); L.store(dCandidate, dp + 2 * size + j)
            L.store(dReset, dr + j); L.store(dUpdate, dr + size + j); L.store(dCandidate * reset, dr + 2 * size + j)
            L.store(incoming * update, dh + j)
        case .choGRU:
            fatalError("choGRU steps run in RecurrentStack's two-product path")
        }
    }
}

extension CellStep {
    /// The backward pass of `lstmForwardLanes`: the gradients of the pre-activations of the
    /// gates present (zero for removed ones), of the previous cell, and of the peepholes.
    /// `q`, with full gate recurrence, holds `[3H]` extra gradients of the i, f and o values
    /// from the next step's pre-activations.
    @inline(__always)
    fileprivate static func lstmBackwardLanes<L: Lanes>(
        _ structure: LSTMStructure, size: Int, j: Int,
        g: UnsafePointer<Float>, e: UnsafePointer<Float>, cPrevious: UnsafePointer<Float>,
        dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>, dp: UnsafeMutablePointer<Float>,
        dr: UnsafeMutablePointer<Float>, w: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>,
        q: UnsafePointer<Float>?, lanes: L.Type
    ) {
        let one = L.splat(1)
        let zero = L.splat(0)
        let peep = structure.peepholes
        let (input, forget) = (L.load(g + j), L.load(g + size + j))
        let (candidate, output) = (L.load(g + 2 * size + j), L.load(g + 3 * size + j))
        let newCell = L.load(e + j)
        let squashedCell = structure.outputActivation ? L.tanh(newCell) : newCell
        let incoming = L.load(dh + j)
        var outputValueGradient = incoming * squashedCell
        if let q { outputValueGradient = outputValueGradient + L.load(q + 2 * size + j) }
        let dOutput = structure.outputGate ? outputValueGradient * output * (one - output) : zero
        let squashSlope = structure.outputActivation ? one - squashedCell * squashedCell : one
        var cellTotal = L.fma(incoming * output, squashSlope, L.load(dc + j))
        if peep && structure.outputGate { cellTotal = L.fma(dOutput, L.load(w + 2 * size + j), cellTotal) }
        let previousCell = L.load(cPrevious + j)
        // Gradients with respect to the gate values, then through their sigmoids.
        var inputValueGradient = cellTotal * candidate
        var forgetValueGradient = cellTotal * previousCell
        if let q {
            inputValueGradient = inputValueGradient + L.load(q + j)
            forgetValueGradient = forgetValueGradient + L.load(q + size + j)
        }
        if structure.coupledGates { inputValueGradient = inputValueGradient - forgetValueGradient }
        let dInput = structure.inputGate ? inputValueGradient * input * (one - input) : zero
        let dForget = structure.forgetGateIsFree ? forgetValueGradient * forget * (one - forget) : zero
        let candidateValueGradient = cellTotal * input
        let dCandidate = structure.inputActivation ? candidateValueGradient * (one - candidate * candidate) : candidateValueGradient
        L.store(dInput, dp + j); L.store(dForget, dp + size + j)
        L.store(dCandidate, dp + 2 * size + j); L.store(dOutput, dp + 3 * size + j)
        L.store(dInput, dr + j); L.store(dForget, dr + size + j)
        L.store(dCandidate, dr + 2 * size + j); L.store(dOutput, dr + 3 * size + j)
        var previousCellGradient = cellTotal * forget
        if peep {
            L.store(L.fma(dInput, previousCell, L.load(dw + j)), dw + j)
            L.store(L.fma(dForget, previousCell, L.load(dw + size + j)), dw + size + j)
            L.store(L.fma(dOutput, newCell, L.load(dw + 2 * size + j)), dw + 2 * size + j)
            previousCellGradient = L.fma(dForget, L.load(w + size + j), L.fma(dInput, L.load(w + j), previousCellGradient))
        }
        L.store(previousCellGradient, dc + j)
        L.store(zero, dh + j)
    }
}

/// Cho et al.'s GRU, one sequence at a time (see `RecurrentStack.choGRUStep`), on the same
/// lanes and fast math as the GRU: units eight at a time, then one at a time.
extension CellStep {
    /// Step one of a forward step, for units `0 ..< size`: `r`, `z` from the first product,
    /// into `g` (blocks r, z of `[3H]`), and `s = r ⊙ h` for the second product.
    static func choGRUGates(
        size: Int, p: UnsafePointer<Float>, r: UnsafePointer<Float>, h: UnsafePointer<Float>,
        g: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = size - size % 8
        var j = 0
        while j < vectorEnd { choGRUGateLanes(size: size, j: j, p: p, r: r, h: h, g: g, s: s, lanes: Lanes8.self); j += 8 }
        while j < size { choGRUGateLanes(size: size, j: j, p: p, r: r, h: h, g: g, s: s, lanes: Lanes1.self); j += 1 }
    }

    @inline(__always)
    private static func choGRUGateLanes<L: Lanes>(
        size: Int, j: Int, p: UnsafePointer<Float>, r: UnsafePointer<Float>, h: UnsafePointer<Float>,
        g: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>, lanes: L.Type
    ) {
        let reset = L.sigmoid(L.load(p + j) + L.load(r + j))
        let update = L.sigmoid(L.load(p + size + j) + L.load(r + size + j))
        L.store(reset, g + j)
        L.store(update, g + size + j)
        L.store(reset * L.load(h + j), s + j)
    }

    /// Step two: the candidate from the second product, and the new state, as the GRU blends it.
    static func choGRUCandidate(
        size: Int, p: UnsafePointer<Float>, r: UnsafePointer<Float>, previous: UnsafePointer<Float>,
        h: UnsafeMutablePointer<Float>, g: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = size - size % 8
        var j = 0
        while j < vectorEnd { choGRUCandidateLanes(size: size, j: j, p: p, r: r, previous: previous, h: h, g: g, lanes: Lanes8.self); j += 8 }
        while j < size { choGRUCandidateLanes(size: size, j: j, p: p, r: r, previous: previous, h: h, g: g, lanes: Lanes1.self); j += 1 }
    }

    @inline(__always)
    private static func choGRUCandidateLanes<L: Lanes>(
        size: Int, j: Int, p: UnsafePointer<Float>, r: UnsafePointer<Float>, previous: UnsafePointer<Float>,
        h: UnsafeMutablePointer<Float>, g: UnsafeMutablePointer<Float>, lanes: L.Type
    ) {
        let update = L.load(g + size + j)
        let candidate = L.tanh(L.load(p + 2 * size + j) + L.load(r + 2 * size + j))
        // (1 − z) n + z h = n + z (h − n)
        L.store(L.fma(update, L.load(previous + j) - candidate, candidate), h + j)
        L.store(candidate, g + 2 * size + j)
    }

    /// The backward pass of `choGRUCandidate`: `∂z`, `∂n` into blocks z, n of `dp` and `dr`, and
    /// `dh` from `∂L/∂h'` to the part of `∂L/∂h` through `z ⊙ h`.
    static func choGRUCandidateBackward(
        size: Int, g: UnsafePointer<Float>, previous: UnsafePointer<Float>, dh: UnsafeMutablePointer<Float>,
        dp: UnsafeMutablePointer<Float>, dr: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = size - size % 8
        var j = 0
        while j < vectorEnd { choGRUCandidateBackwardLanes(size: size, j: j, g: g, previous: previous, dh: dh, dp: dp, dr: dr, lanes: Lanes8.self); j += 8 }
        while j < size { choGRUCandidateBackwardLanes(size: size, j: j, g: g, previous: previous, dh: dh, dp: dp, dr: dr, lanes: Lanes1.self); j += 1 }
    }

    @inline(__always)
    private static func choGRUCandidateBackwardLanes<L: Lanes>(
        size: Int, j: Int, g: UnsafePointer<Float>, previous: UnsafePointer<Float>, dh: UnsafeMutablePointer<Float>,
        dp: UnsafeMutablePointer<Float>, dr: UnsafeMutablePointer<Float>, lanes: L.Type
    ) {
        let one = L.splat(1)
        let (update, candidate) = (L.load(g + size + j), L.load(g + 2 * size + j))
        let incoming = L.load(dh + j)
        let dCandidate = incoming * (one - update) * (one - candidate * candidate)
        let dUpdate = incoming * (L.load(previous + j) - candidate) * update * (one - update)
        L.store(dUpdate, dp + size + j); L.store(dCandidate, dp + 2 * size + j)
        L.store(dUpdate, dr + size + j); L.store(dCandidate, dr + 2 * size + j)
        L.store(incoming * update, dh + j)
    }

    /// The backward pass of `choGRUGates` given `ds` = `∂L/∂(r ⊙ h)`: `∂r` into block r of `dp`
    /// and `dr`, and `dh += ds ⊙ r`.
    static func choGRUGatesBackward(
        size: Int, g: UnsafePointer<Float>, previous: UnsafePointer<Float>, ds: UnsafePointer<Float>,
        dh: UnsafeMutablePointer<Float>, dp: UnsafeMutablePointer<Float>, dr: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = size - size % 8
        var j = 0
        while j < vectorEnd { choGRUGatesBackwardLanes(size: size, j: j, g: g, previous: previous, ds: ds, dh: dh, dp: dp, dr: dr, lanes: Lanes8.self); j += 8 }
        while j < size { choGRUGatesBackwardLanes(size: size, j: j, g: g, previous: previous, ds: ds, dh: dh, dp: dp, dr: dr, lanes: Lanes1.self); j += 1 }
    }

    @inline(__always)
    private static func choGRUGatesBackwardLanes<L: Lanes>(
        size: Int, j: Int, g: UnsafePointer<Float>, previous: UnsafePointer<Float>, ds: UnsafePointer<Float>,
        dh: UnsafeMutablePointer<Float>, dp: UnsafeMutablePointer<Float>, dr: UnsafeMutablePointer<Float>, lanes: L.Type
    ) {
        let one = L.splat(1)
        let reset = L.load(g + j)
        let stateGradient = L.load(ds + j)
        let dReset = stateGradient * L.load(previous + j) * reset * (one - reset)
        L.store(dReset, dp + j)
        L.store(dReset, dr + j)
        L.store(L.load(dh + j) + stateGradient * reset, dh + j)
    }
}
