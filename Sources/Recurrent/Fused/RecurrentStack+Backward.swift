/// Back-propagation through time for the whole stack, the fused way: per step only the
/// pointwise gate derivatives and one `[batch, gates] · W_hh` product (two for a gated-state
/// cell; and one by `W_ih` for the input's gradient); the weight gradients are one matrix product per chunk of eight steps
/// (see `StepGradientRing`).
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
        var initialCellGradient = fusedCell.hasCellState ? Tensor(zeros: stateShape) : nil
        var layerOutputGradient = outputGradient ?? Tensor(zeros: [batch, time, directionCount * size])
        var recordedStateGradients = [Tensor](repeating: Tensor(zeros: [0]), count: recordsStateGradients ? layerCount * directionCount : 0)
        for layer in (0..<layerCount).reversed() {
            let features = layer == 0 ? inputSize : directionCount * size
            let needLayerInput = layer > 0 || needInputGradient
            let layerInputGradient = needLayerInput ? ScratchBuffer(zeros: batch * time * features) : nil
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
                    inputGradient: layerInputGradient, stateGradientSink: stateGradientSink)
                if let stateGradientSink {
                    recordedStateGradients[slot] = stateGradientSink.tensor(shape: [batch, time, size])
                }
                initialHiddenGradient.scalars.replaceSubrange(slotRange, with: hidden)
                initialCellGradient?.scalars.replaceSubrange(slotRange, with: cell)
            }
            layerOutputGradient = layerInputGradient?.tensor(shape: [batch, time, features]) ?? Tensor(zeros: [batch, time, features])
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
    ///   - inputGradient: `[batch * time, features]`, added into; `nil` to skip.
    ///   - stateGradientSink: `[batch, time, hiddenSize]`, receives `∂L/∂h_t` of every step.
    private func directionBackward(
        _ trace: DirectionTrace, parameters: DirectionWeights, reverse: Bool, time: Int, batch: Int, lengths: [Int]?,
        outputGradient: Tensor, outputColumn: Int,
        hiddenGradient: inout [Float], cellGradient: inout [Float], inputGradient: ScratchBuffer?,
        stateGradientSink: ScratchBuffer?
    ) {
        let size = hiddenSize
        let gates = fusedCell.gateCount * size
        let extraWidth = fusedCell.extraCount * size
        let outputWidth = outputGradient.shape[2]
        let features = trace.input.shape[1]
        let ring = StepGradientRing(batch: batch, gates: gates, time: time, projectedIsRecurrent: fusedCell.projectedGradientIsRecurrentGradient)
        // Sequences do not meet until the weight gradients: with several threads each part takes
        // its own slice of the batch through the steps of a chunk; then the parts meet, each adds
        // its slice of the gradients' rows, and they meet again before the ring is reused. Cells
        // whose gradients add across sequences inside a step (peepholes, full gate recurrence)
        // run as one part.
        let parts = sequenceParts(
            batch: batch, features: features, mixesSequences: fusedCell.hasPeepholes || fusedCell.hasGateRecurrence)
        // One-hot inputs (found by the forward pass): ∂W_ih gathers ∂P's rows into the ones'
        // columns (the same bits).
        let binaryInput = trace.binaryInput
        let gatheredWidth = features > ThinWeightGradient.maximumFeatures ? StepGradientRing.chunkSteps * batch * features : 0
        let gatheredInputs = ScratchBuffer(uninitialized: max(1, min(parts, Engine.threadCount)) * gatheredWidth)
        let dh = ScratchBuffer(copying: hiddenGradient)
        let dc = ScratchBuffer(copying: cellGradient)
        // W_hh [gates, hiddenSize], packed once for the products of every step, in the blocks
        // that read h and (a gated-state cell's) those that read its gated state. W_ih
        // [gates, features] likewise for the input gradient.
        let products = fusedCell.stepProducts
        let leadingWidth = fusedCell.stateGateCount * size
        let recurrentWeights = PackedRecurrentWeights(trace.weights.hidden, leadingRows: leadingWidth, transposed: false)
        let inputWeights = inputGradient == nil ? nil : PackedOperand.packing(trace.weights.input, transposed: false)
        // Cells without a cell state get stand-ins for the previous and new cell that they
        // never read.
        let cellStates = fusedCell.hasCellState ? trace.cellStates : trace.hiddenStates
        let peephole = ScratchBuffer(copying: trace.weights.peephole?.scalars ?? [])
        let peepholeGradient = ScratchBuffer(zeros: peephole.count)
        let gatedStateGradient = ScratchBuffer(uninitialized: leadingWidth < gates ? batch * size : 0)
        let gateRecurrence = trace.weights.gateRecurrence.map { GateRecurrenceGradient(weights: $0, batch: batch, size: size) }
        let prefetchRows = FusedForwardStep.prefetchRows(batch: batch, gateWidth: gates)
        trace.input.scalars.withUnsafeBufferPointer { input in
          outputGradient.scalars.withUnsafeBufferPointer { outputValues in
            parameters.withGradientTargets { targets in
              // ∂W_ihᵀ [features, gates] while the pass adds into it (nil: the full product).
              let transposedInputGradient = binaryInput.flatMap { _ in
                  targets.inputWeight.flatMap { BinaryInputRows.transposedGradient($0, gates: gates, features: features) }
              }
              let sparseInput = binaryInput.flatMap { rows in transposedInputGradient.map { (rows: rows, transposedGradient: $0.base) } }
              WorkerTeam.run(parts: parts) { share, barrier in
                let rows = share.slice(of: batch, alignment: Self.sequencesPerPart)
                let first = rows.lowerBound
                for step in (0..<time).reversed() {
                    let t = reverse ? time - 1 - step : step
                    // Past a sequence's length the state passed through unchanged and the output
                    // was a constant zero: the gradient flows on untouched and nothing is added.
                    let active: ((Int) -> Bool)? = lengths.map { lengths in { t < lengths[$0] } }
                    for b in rows where active?(b) ?? true {
                        let out = outputValues.baseAddress! + (b * time + t) * outputWidth + outputColumn
                        RowArithmetic.add(out, toEveryRowOf: dh.at(b * size), rows: 1, width: size)
                        stateGradientSink?.at((b * time + t) * size).update(from: dh.at(b * size), count: size)
                    }
                    if let active { ring.clearRows(step: step, sequences: rows, where: { !active($0) }) }
                    let (recurrentRows, projectedRows) = (ring.recurrentRows(step: step), ring.projectedRows(step: step))
                    let row = step * batch
                    let cellStep = FusedBackwardStep(
                        size: size, rows: batch, gateWidth: gates, extraWidth: extraWidth, active: active,
                        gates: trace.gates.at(row * gates), extra: trace.extra.at(row * extraWidth),
                        previousHidden: trace.hiddenStates.at(row * size), previousCell: cellStates.at(row * size),
                        newCell: cellStates.at((row + batch) * size), hiddenGradient: dh.base, cellGradient: dc.base,
                        projectedGradient: projectedRows, projectedStride: gates, recurrentGradient: recurrentRows,
                        peephole: peephole.base, peepholeGradient: peepholeGradient.base,
                        gateValueGradient: gateRecurrence.map { UnsafePointer($0.valueGradient.base) },
                        gatedStateGradient: gatedStateGradient.base, previousStepRows: step > 0 ? prefetchRows : 0
                    ).sequences(rows)
                    // Where ∂P is ∂R the step writes its values twice to the same place.
                    fusedCell.backward(cellStep)
                    if case .gatedState(let gatedCell) = products {
                        // ∂L/∂s = ∂L/∂R_later · W_hh,later   ([rows, later gates] · [later gates, hiddenSize]).
                        MatrixProduct.multiply(
                            m: rows.count, a: cellStep.recurrentGradient + leadingWidth, lda: gates, transposeA: false,
                            packed: recurrentWeights.trailing, c: gatedStateGradient.at(first * size), ldc: size, accumulate: false)
                        gatedCell.backwardGatedState(cellStep)
                    }
                    gateRecurrence?.finishStep(step, recurrentGradient: recurrentRows, gates: trace.gates)
                    // ∂L/∂h_{t-1} += ∂L/∂R_t · W_hh   ([rows, gates] · [gates, hiddenSize]; the
                    // leading gates only for a gated-state cell).
                    MatrixProduct.multiply(
                        m: rows.count, a: cellStep.recurrentGradient, lda: gates, transposeA: false,
                        packed: recurrentWeights.leading, c: dh.at(first * size), ldc: size, accumulate: true)
                    if let inputGradient, let inputWeights {
                        // ∂X_t += ∂P_t · W_ih   ([rows, gates] · [gates, features]; sequence b's
                        // row is b * time + t).
                        MatrixProduct.multiply(
                            m: rows.count, a: cellStep.projectedGradient, lda: gates, transposeA: false,
                            packed: inputWeights, c: inputGradient.at((first * time + t) * features), ldc: time * features,
                            accumulate: true)
                    }
                    if let chunk = StepGradientRing.chunk(completedBy: step, time: time) {
                        // Every part's rows of the chunk are written; the ring's slots are reused
                        // by the next step only once every part has read them.
                        barrier.wait()
                        accumulateWeightGradients(
                            ofSteps: chunk, ring: ring, trace: trace, into: targets, reverse: reverse, time: time,
                            input: input.baseAddress, binaryInput: sparseInput,
                            gatheredInputs: gatheredInputs.at(share.index * gatheredWidth), share: share)
                        barrier.wait()
                    }
                }
              }
              if let transposedInputGradient, let gradient = targets.inputWeight {
                  BinaryInputRows.storeTransposed(transposedInputGradient.base, into: gradient, gates: gates, features: features)
              }
            }
          }
        }
        hiddenGradient = dh.array
        cellGradient = dc.array
        if let peepholeParameter = parameters.peephole {
            for j in 0..<peepholeGradient.count { peepholeParameter.gradient.scalars[j] += peepholeGradient.base[j] }
        }
        if let gateRecurrence, let parameter = parameters.gateRecurrence {
            for j in 0..<gateRecurrence.weightGradient.count { parameter.gradient.scalars[j] += gateRecurrence.weightGradient.base[j] }
        }
    }
}
