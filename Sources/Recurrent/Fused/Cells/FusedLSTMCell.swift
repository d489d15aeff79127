import WideKernels

/// Every LSTM on the fused path (`lstm`, `peepholeLSTM`, `structuredLSTM`), gates i, f, g, o,
/// with the parts `structure` has (see `LSTMStructure`). Gates store their activated values,
/// 1 for a removed gate; the trace's cell states are its only other values.
///
/// PyTorch's LSTM (`.standard`) runs sixteen units at a time first where the processor has
/// 512-bit vectors (`WideLSTMStep`, the same arithmetic as the lanes here), all sequences in
/// one call so that their independent work overlaps.
struct FusedLSTMCell: FusedCell {
    let structure: LSTMStructure
    let name: String
    let layerClass: RecurrentLayer.Type

    /// - Parameters:
    ///   - name: the kind's name; by default the structure's description ("LSTM with
    ///     peepholes, without forget gate").
    ///   - layerClass: `LSTM`, `PeepholeLSTM` or, by default, `VariantLSTM`.
    init(structure: LSTMStructure, name: String? = nil, layerClass: RecurrentLayer.Type = VariantLSTM.self) {
        self.structure = structure
        self.name = name ?? structure.description
        self.layerClass = layerClass
    }

    var stackedGates: [Gate?] { [.input, .forget, .candidate, .output] }
    var lstmStructure: LSTMStructure? { structure }

    var gateCount: Int { 4 }
    var hasCellState: Bool { true }
    var hasPeepholes: Bool { structure.peepholes }
    var hasGateRecurrence: Bool { structure.gateRecurrence }
    var projectedGradientIsRecurrentGradient: Bool { true }
    var stepProducts: FusedStepProducts { .one }
    var extraCount: Int { 0 }

    /// Units the wide kernels take at this hidden size: a multiple of 16, or none (they know
    /// only the standard structure).
    private func wideUnits(size: Int) -> Int {
        structure == .standard ? Self.wideKernelUnits(size: size) : 0
    }

    func forward(_ step: FusedForwardStep) {
        let units = wideUnits(size: step.size)
        forward(step, wideUnits: units) { first, count in
            WideLSTMStep.forward(
                rows: count, size: step.size, units: units,
                projected: step.projected + first * step.projectedStride, projectedStride: step.projectedStride,
                recurrent: step.recurrent + first * step.gateWidth, previousCell: step.previousCell + first * step.size,
                hidden: step.hidden + first * step.size, cell: step.cell + first * step.size,
                gates: step.gates + first * step.gateWidth, nextStepRows: step.nextStepRows)
        }
    }

    func backward(_ step: FusedBackwardStep) {
        let units = step.gateValueGradient == nil ? wideUnits(size: step.size) : 0
        backward(step, wideUnits: units) { first, count in
            WideLSTMStep.backward(
                rows: count, size: step.size, units: units, gates: step.gates + first * step.gateWidth,
                extra: step.newCell + first * step.size, previousCell: step.previousCell + first * step.size,
                hiddenGradient: step.hiddenGradient + first * step.size, cellGradient: step.cellGradient + first * step.size,
                projectedGradient: step.projectedGradient + first * step.projectedStride,
                projectedStride: step.projectedStride,
                recurrentGradient: step.recurrentGradient + first * step.gateWidth,
                previousStepRows: step.previousStepRows)
        }
    }

    @inline(__always)
    func forwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedForwardRow) {
        let (p, r, w, size) = (row.projected, row.recurrent, row.peephole, row.size)
        let one = L.splat(1)
        let peep = structure.peepholes
        let previous = L.load(row.previousCell + j)
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
        let g = row.gates
        L.store(newCell, row.cell + j)
        L.store(output * (structure.outputActivation ? L.tanh(newCell) : newCell), row.hidden + j)
        L.store(input, g + j)
        L.store(forget, g + size + j)
        L.store(candidate, g + 2 * size + j)
        L.store(output, g + 3 * size + j)
    }

    /// The gradients of the pre-activations of the gates present (zero for removed ones), of
    /// the previous cell, and of the peepholes; nothing reaches `h` but through `W_hh`. With
    /// full gate recurrence `gateValueGradient` adds to the gradients of the i, f, o values.
    @inline(__always)
    func backwardLanes<L: Lanes>(_ lanes: L.Type, unit j: Int, _ row: FusedBackwardRow) {
        let (g, w, dw, q, size) = (row.gates, row.peephole, row.peepholeGradient, row.gateValueGradient, row.size)
        let (dh, dc, dp, dr) = (row.hiddenGradient, row.cellGradient, row.projectedGradient, row.recurrentGradient)
        let one = L.splat(1)
        let zero = L.splat(0)
        let peep = structure.peepholes
        let (input, forget) = (L.load(g + j), L.load(g + size + j))
        let (candidate, output) = (L.load(g + 2 * size + j), L.load(g + 3 * size + j))
        let newCell = L.load(row.newCell + j)
        let squashedCell = structure.outputActivation ? L.tanh(newCell) : newCell
        let incoming = L.load(dh + j)
        var outputValueGradient = incoming * squashedCell
        if let q { outputValueGradient = outputValueGradient + L.load(q + 2 * size + j) }
        let dOutput = structure.outputGate ? outputValueGradient * output * (one - output) : zero
        let squashSlope = structure.outputActivation ? one - squashedCell * squashedCell : one
        var cellTotal = L.fma(incoming * output, squashSlope, L.load(dc + j))
        if peep && structure.outputGate { cellTotal = L.fma(dOutput, L.load(w + 2 * size + j), cellTotal) }
        let previousCell = L.load(row.previousCell + j)
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
