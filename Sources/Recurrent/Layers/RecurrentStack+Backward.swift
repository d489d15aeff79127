/// Back-propagation through time for the whole stack, the fused way: per step only the
/// pointwise gate derivatives and one `[batch, gates] · W_hh` product; the weight gradients of
/// all steps are then one matrix product each.
extension RecurrentStack {
    /// Gradients of the inputs and initial states; adds the parameters' gradients into them.
    ///
    /// - Parameters:
    ///   - trace: what the forward pass kept.
    ///   - outputGradient: `[batch, time, directionCount * hiddenSize]`, or `nil` for zeros.
    ///   - hiddenGradient, cellGradient: `[layerCount * directionCount, batch, hiddenSize]`
    ///     gradients of the final states, or `nil` for zeros.
    ///   - needInputGradient: whether to compute the gradient of the input sequence.
    /// - Returns: the gradient of the input `[batch, time, inputSize]` (zeros when not needed)
    ///   and of the initial hidden and cell states `[layerCount * directionCount, batch, hiddenSize]`.
    func backward(
        _ trace: RecurrentTrace, outputGradient: Tensor?, hiddenGradient: Tensor?, cellGradient: Tensor?,
        needInputGradient: Bool = true
    ) -> (input: Tensor, hidden: Tensor, cell: Tensor?) {
        let (batch, time, size) = (trace.batch, trace.time, hiddenSize)
        let stateShape = stateShape(batch: batch)
        let stateCount = batch * size
        var initialHiddenGradient = Tensor(zeros: stateShape)
        var initialCellGradient = kind.hasCellState ? Tensor(zeros: stateShape) : nil
        var layerOutputGradient = outputGradient ?? Tensor(zeros: [batch, time, directionCount * size])
        var recordedStateGradients = [Tensor](repeating: Tensor(zeros: [0]), count: recordsStateGradients ? layerCount * directionCount : 0)
        for layer in (0..<layerCount).reversed() {
            let features = layer == 0 ? inputSize : directionCount * size
            let needLayerInput = layer > 0 || needInputGradient
            var layerInputGradient = [Float](repeating: 0, count: needLayerInput ? batch * time * features : 0)
            for direction in 0..<directionCount {
                let slot = layer * directionCount + direction
                let slotRange = slot * stateCount..<(slot + 1) * stateCount
                var hidden = hiddenGradient.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                var cell = cellGradient.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                let stateGradientSink = recordsStateGradients ? ScratchBuffer(zeros: batch * time * size) : nil
                directionBackward(
                    trace.directions[layer][direction], parameters: weights[layer][direction],
                    reverse: direction == 1, time: time, batch: batch, lengths: trace.lengths,
                    outputGradient: layerOutputGradient, outputColumn: direction * size,
                    hiddenGradient: &hidden, cellGradient: &cell,
                    inputGradient: &layerInputGradient, stateGradientSink: stateGradientSink)
                if let stateGradientSink {
                    recordedStateGradients[slot] = stateGradientSink.tensor(shape: [batch, time, size])
                }
                initialHiddenGradient.scalars.replaceSubrange(slotRange, with: hidden)
                initialCellGradient?.scalars.replaceSubrange(slotRange, with: cell)
            }
            layerOutputGradient = needLayerInput
                ? Tensor(shape: [batch, time, features], scalars: layerInputGradient)
                : Tensor(zeros: [batch, time, features])
        }
        if recordsStateGradients { stateGradients = recordedStateGradients }
        return (layerOutputGradient, initialHiddenGradient, initialCellGradient)
    }

    /// Back-propagates through one direction of one layer.
    ///
    /// - Parameters:
    ///   - outputGradient: `[batch, time, outputWidth]`; this direction's columns start at
    ///     `outputColumn`.
    ///   - hiddenGradient, cellGradient: `[batch, hiddenSize]`: the gradient of the final state
    ///     on entry, of the initial state on exit.
    ///   - inputGradient: `[batch * time, features]`, added into; empty to skip.
    ///   - stateGradientSink: `[batch, time, hiddenSize]`, receives `∂L/∂h_t` of every step.
    private func directionBackward(
        _ trace: DirectionTrace, parameters: DirectionWeights, reverse: Bool, time: Int, batch: Int, lengths: [Int]?,
        outputGradient: Tensor, outputColumn: Int,
        hiddenGradient: inout [Float], cellGradient: inout [Float], inputGradient: inout [Float],
        stateGradientSink: ScratchBuffer?
    ) {
        let size = hiddenSize
        let gates = kind.gateCount * size
        let outputWidth = outputGradient.shape[2]
        // ∂L/∂P in rows b * time + t (the layout of the input projection), and ∂L/∂R in rows
        // s * batch + b (the layout of the trace's previous hidden states).
        // Every row is written, except the steps past a sequence's length, which must read as
        // zero in the weight-gradient products below.
        // Except in the GRU's candidate gate ∂P equals ∂R; where ∂P then only feeds the thin
        // input-weight gradient, which reads rows anywhere, it is not stored twice.
        let features = trace.input.shape[1]
        let projectedIsRecurrent = kind.projectedGradientIsRecurrentGradient && inputGradient.isEmpty
            && features <= ThinWeightGradient.maximumFeatures
        let storedProjected = projectedIsRecurrent ? 0 : batch * time * gates
        let projectedGradient = lengths == nil ? ScratchBuffer(uninitialized: storedProjected) : ScratchBuffer(zeros: storedProjected)
        let recurrentGradient = lengths == nil ? ScratchBuffer(uninitialized: time * batch * gates) : ScratchBuffer(zeros: time * batch * gates)
        let dh = ScratchBuffer(copying: hiddenGradient)
        let dc = ScratchBuffer(copying: cellGradient)
        // W_hh [gates, hiddenSize], packed once for the product of every step; Cho's GRU
        // multiplies row blocks of it separately and reads it unpacked.
        let recurrentWeights = kind == .choGRU ? nil : PackedOperand.packing(trace.weights.hidden, transposed: false)
        let hiddenWeight = ScratchBuffer(copying: kind == .choGRU ? trace.weights.hidden.scalars : [])
        // The LSTM reads the previous and the new cell; the other cells get stand-ins for them
        // that they never read, and the GRU its own extra values.
        let previousCell = kind.hasCellState ? trace.cellStates : trace.hiddenStates
        let (extra, extraStart) = kind.hasCellState ? (trace.cellStates, batch * size) : (trace.extra, 0)
        let peephole = ScratchBuffer(copying: trace.weights.peephole?.scalars ?? [])
        let peepholeGradient = ScratchBuffer(zeros: peephole.count)
        let resetGradient = ScratchBuffer(zeros: kind == .choGRU ? batch * size : 0)
        let gateRecurrence = trace.weights.gateRecurrence.map { GateRecurrenceGradient(weights: $0, batch: batch, size: size) }
        outputGradient.scalars.withUnsafeBufferPointer { outputValues in
            for step in (0..<time).reversed() {
                let t = reverse ? time - 1 - step : step
                // Past a sequence's length the state passed through unchanged and the output was
                // a constant zero: the gradient flows on untouched and nothing is added.
                for b in 0..<batch where lengths == nil || t < lengths![b] {
                    let out = outputValues.baseAddress! + (b * time + t) * outputWidth + outputColumn
                    RowArithmetic.add(out, toEveryRowOf: dh.at(b * size), rows: 1, width: size)
                    stateGradientSink?.at((b * time + t) * size).update(from: dh.at(b * size), count: size)
                }
                if kind == .choGRU {
                    choGRUStepBackward(
                        trace, step: step, batch: batch, hiddenWeight: hiddenWeight, hiddenGradient: dh,
                        projectedGradient: projectedGradient.at(t * gates), projectedRowStride: time * gates,
                        recurrentGradient: recurrentGradient.at(step * batch * gates), resetGradient: resetGradient,
                        active: { lengths == nil || t < lengths![$0] })
                    continue
                }
                let row = step * batch
                // Where ∂P is ∂R the step writes its values twice to the same place.
                let (projectedRow, projectedStride) = projectedIsRecurrent
                    ? (recurrentGradient.at(row * gates), gates) : (projectedGradient.at(t * gates), time * gates)
                CellStep.backward(
                    kind, size: size, rows: batch, active: lengths.map { lengths in { (b: Int) in t < lengths[b] } },
                    gates: trace.gates.at(row * gates), extra: extra.at(extraStart + row * size),
                    previousHidden: trace.hiddenStates.at(row * size), previousCell: previousCell.at(row * size),
                    hiddenGradient: dh.base, cellGradient: dc.base,
                    projectedGradient: projectedRow, projectedStride: projectedStride,
                    recurrentGradient: recurrentGradient.at(row * gates),
                    peephole: peephole.base, peepholeGradient: peepholeGradient.base,
                    gateValueGradient: gateRecurrence.map { UnsafePointer($0.valueGradient.base) })
                gateRecurrence?.finishStep(step, recurrentGradient: recurrentGradient.at(step * batch * gates), gates: trace.gates)
                // ∂L/∂h_{t-1} += ∂L/∂R_t · W_hh   ([batch, gates] · [gates, hiddenSize]).
                MatrixProduct.multiply(
                    m: batch, a: recurrentGradient.at(step * batch * gates), lda: gates, transposeA: false,
                    packed: recurrentWeights!, c: dh.base, ldc: size, accumulate: true)
            }
        }
        hiddenGradient = dh.array
        cellGradient = dc.array
        // Weight gradients over all steps at once: ∂W_ih = ∂Pᵀ · X, ∂W_hh = ∂Rᵀ · H_prev; the
        // biases' gradients, the column sums of ∂P and ∂R, are added as the products read them.
        let projectedRows = projectedIsRecurrent
            ? GradientRows(recurrent: recurrentGradient.base, batch: batch, time: time, gates: gates, reverse: reverse)
            : GradientRows(projected: projectedGradient.base, batch: batch, time: time, gates: gates)
        accumulateInputWeightGradient(parameters, input: trace.input, gates: gates, projectedGradient: projectedRows)
        if kind == .choGRU {
            // The r and z rows multiply h; the n rows multiply r ⊙ h, kept in the trace.
            accumulateProduct(into: parameters.hiddenWeight, bias: parameters.hiddenBias, rows: 2 * size, columns: size,
                              left: recurrentGradient.base, leftStride: gates, right: trace.hiddenStates.base, depth: time * batch)
            accumulateProduct(into: parameters.hiddenWeight, bias: parameters.hiddenBias, rowOffset: 2 * size, rows: size, columns: size,
                              left: recurrentGradient.at(2 * size), leftStride: gates, right: trace.extra.base, depth: time * batch)
        } else {
            accumulateProduct(into: parameters.hiddenWeight, bias: parameters.hiddenBias, rows: gates, columns: size,
                              left: recurrentGradient.base, leftStride: gates, right: trace.hiddenStates.base, depth: time * batch)
        }
        if let peepholeParameter = parameters.peephole {
            for j in 0..<peepholeGradient.count { peepholeParameter.gradient.scalars[j] += peepholeGradient.base[j] }
        }
        if let gateRecurrence, let parameter = parameters.gateRecurrence {
            for j in 0..<gateRecurrence.weightGradient.count { parameter.gradient.scalars[j] += gateRecurrence.weightGradient.base[j] }
        }
        if !inputGradient.isEmpty {
            // ∂X += ∂P · W_ih   ([batch * time, gates] · [gates, features]).
            trace.weights.input.scalars.withUnsafeBufferPointer { w in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    MatrixProduct.multiply(
                        m: batch * time, n: features, k: gates, a: projectedGradient.base, lda: gates, transposeA: false,
                        b: w.baseAddress!, ldb: features, transposeB: false, c: dx.baseAddress!, ldc: features,
                        accumulate: true)
                }
            }
        }
    }

    /// Where the rows of `∂P` are, in the input's row order `b * time + t`: row `b * time + t`
    /// starts at `base + b * sequenceStride + t * stepStride` (a stride may be negative).
    struct GradientRows {
        let base: UnsafePointer<Float>
        let batch, time: Int
        let sequenceStride, stepStride: Int
        /// Whether rows `b * time + t` are `gates` floats apart, in order.
        let inInputOrder: Bool

        /// `∂P` as stored, rows `b * time + t`.
        init(projected: UnsafePointer<Float>, batch: Int, time: Int, gates: Int) {
            (base, self.batch, self.time) = (projected, batch, time)
            (sequenceStride, stepStride, inInputOrder) = (time * gates, gates, true)
        }

        /// `∂R`, rows `s * batch + b` for the step `s` that processed time `t` (`time − 1 − t`
        /// in a reversed direction).
        init(recurrent: UnsafePointer<Float>, batch: Int, time: Int, gates: Int, reverse: Bool) {
            (self.batch, self.time, sequenceStride, inInputOrder) = (batch, time, gates, false)
            base = reverse ? recurrent + (time - 1) * batch * gates : recurrent
            stepStride = reverse ? -batch * gates : batch * gates
        }
    }

    /// `∂W_ih += ∂Pᵀ · X` and `∂b_ih +=` the column sums of `∂P`, over the depth `b * time + t`
    /// (the input's row order).
    ///
    /// - Parameters:
    ///   - input: `[batch * time, features]`.
    ///   - projectedGradient: where the rows of `∂P` are (in input order unless the layer has
    ///     at most `ThinWeightGradient.maximumFeatures` inputs).
    private func accumulateInputWeightGradient(
        _ parameters: DirectionWeights, input: Tensor, gates: Int, projectedGradient rows: GradientRows
    ) {
        let features = input.shape[1]
        let depth = rows.batch * rows.time
        guard depth > 0 else { return }
        input.scalars.withUnsafeBufferPointer { input in
            guard features > 0, features <= ThinWeightGradient.maximumFeatures else {
                precondition(rows.inInputOrder, "the general product reads ∂P in input order")
                return accumulateProduct(into: parameters.inputWeight, bias: parameters.inputBias, rows: gates, columns: features,
                                         left: rows.base, leftStride: gates, right: input.baseAddress, depth: depth)
            }
            withGradient(of: parameters.inputBias) { biasGradient in
                parameters.inputWeight.gradient.scalars.withUnsafeMutableBufferPointer { gradient in
                    ThinWeightGradient.accumulate(
                        columns: gates, features: features, x: input.baseAddress!, ldx: features,
                        d: rows.base, outerCount: rows.batch, outerStride: rows.sequenceStride,
                        innerCount: rows.time, innerStride: rows.stepStride,
                        gradient: gradient.baseAddress!, sums: biasGradient)
                }
            }
        }
    }

    /// Runs `body` with a pointer to entry `offset` of the gradient of `bias`, or with `nil`
    /// for a layer without one.
    private func withGradient(
        of bias: Parameter?, from offset: Int = 0, _ body: (UnsafeMutablePointer<Float>?) -> Void
    ) {
        guard let bias else { return body(nil) }
        bias.gradient.scalars.withUnsafeMutableBufferPointer { body($0.baseAddress! + offset) }
    }

    /// Rows `rowOffset ..< rowOffset + rows` of `parameter.gradient` `[_, columns]` `+= leftᵀ · right`
    /// for `left` `[depth, rows]` (row stride `leftStride`) and `right` `[depth, columns]`, and
    /// the same entries of `bias.gradient` `+=` the column sums of `left` (rows in order).
    private func accumulateProduct(
        into parameter: Parameter, bias: Parameter?, rowOffset: Int = 0, rows: Int, columns: Int,
        left: UnsafePointer<Float>, leftStride: Int, right: UnsafePointer<Float>?, depth: Int
    ) {
        guard depth > 0 else { return }
        withGradient(of: bias, from: rowOffset) { biasGradient in
            guard columns > 0, let right else {
                // No product to ride along: the sums on their own.
                if let biasGradient { RowArithmetic.addRows(of: left, rows: depth, width: rows, stride: leftStride, into: biasGradient) }
                return
            }
            parameter.gradient.scalars.withUnsafeMutableBufferPointer { g in
                MatrixProduct.multiply(
                    m: rows, n: columns, k: depth, a: left, lda: leftStride, transposeA: true,
                    b: right, ldb: columns, transposeB: false, c: g.baseAddress! + rowOffset * columns, ldc: columns,
                    accumulate: true, depthSumsOfA: biasGradient)
            }
        }
    }

    /// One backward step of Cho et al.'s GRU for the whole batch (see `choGRUStep`).
    ///
    /// - Parameters:
    ///   - hiddenWeight: `W_hh` `[3H, H]`.
    ///   - hiddenGradient: `[batch, H]`: `∂L/∂h'` on entry, `∂L/∂h` on exit.
    ///   - projectedGradient: `∂L/∂P` of this step for sequence 0; sequence `b` is
    ///     `projectedRowStride` further.
    ///   - recurrentGradient: `[batch, 3H]`: receives `∂L/∂R` for this step.
    ///   - resetGradient: `[batch, H]` scratch for `∂L/∂(r ⊙ h)`.
    ///   - active: whether sequence `b` is within its length at this step (an inactive one's
    ///     gradient rows stay zero, so it contributes nothing below).
    private func choGRUStepBackward(
        _ trace: DirectionTrace, step: Int, batch: Int, hiddenWeight: ScratchBuffer, hiddenGradient dh: ScratchBuffer,
        projectedGradient: UnsafeMutablePointer<Float>, projectedRowStride: Int,
        recurrentGradient: UnsafeMutablePointer<Float>, resetGradient: ScratchBuffer, active: (Int) -> Bool
    ) {
        let size = hiddenSize
        let width = 3 * size
        for b in 0..<batch where active(b) {
            let row = step * batch + b
            let g = trace.gates.at(row * width)
            let previous = trace.hiddenStates.at(row * size)
            let dp = projectedGradient + b * projectedRowStride
            let dr = recurrentGradient + b * width
            for j in 0..<size {
                let (update, candidate) = (g[size + j], g[2 * size + j])
                let incoming = dh.base[b * size + j]
                let dCandidate = incoming * (1 - update) * (1 - candidate * candidate)
                let dUpdate = incoming * (previous[j] - candidate) * update * (1 - update)
                dp[size + j] = dUpdate
                dp[2 * size + j] = dCandidate
                dr[size + j] = dUpdate
                dr[2 * size + j] = dCandidate
                dh.base[b * size + j] = incoming * update
            }
        }
        // ∂L/∂(r ⊙ h) = ∂L/∂R_n · W_hn.
        MatrixProduct.multiply(
            m: batch, n: size, k: size, a: recurrentGradient + 2 * size, lda: width, transposeA: false,
            b: hiddenWeight.at(2 * size * size), ldb: size, transposeB: false, c: resetGradient.base, ldc: size,
            accumulate: false)
        for b in 0..<batch {
            let row = step * batch + b
            let g = trace.gates.at(row * width)
            let previous = trace.hiddenStates.at(row * size)
            let dp = projectedGradient + b * projectedRowStride
            let dr = recurrentGradient + b * width
            for j in 0..<size {
                let reset = g[j]
                let dReset = resetGradient.base[b * size + j] * previous[j] * reset * (1 - reset)
                dp[j] = dReset
                dr[j] = dReset
                dh.base[b * size + j] += resetGradient.base[b * size + j] * reset
            }
        }
        // ∂L/∂h += ∂L/∂R_{r,z} · W_h[r,z].
        MatrixProduct.multiply(
            m: batch, n: size, k: 2 * size, a: recurrentGradient, lda: width, transposeA: false,
            b: hiddenWeight.base, ldb: size, transposeB: false, c: dh.base, ldc: size, accumulate: true)
    }
}
