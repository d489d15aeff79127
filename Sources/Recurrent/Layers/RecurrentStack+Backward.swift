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
        for layer in (0..<layerCount).reversed() {
            let features = layer == 0 ? inputSize : directionCount * size
            let needLayerInput = layer > 0 || needInputGradient
            var layerInputGradient = [Float](repeating: 0, count: needLayerInput ? batch * time * features : 0)
            for direction in 0..<directionCount {
                let slot = layer * directionCount + direction
                let slotRange = slot * stateCount..<(slot + 1) * stateCount
                var hidden = hiddenGradient.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                var cell = cellGradient.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                directionBackward(
                    trace.directions[layer][direction], parameters: weights[layer][direction],
                    reverse: direction == 1, time: time, batch: batch,
                    outputGradient: layerOutputGradient, outputColumn: direction * size,
                    hiddenGradient: &hidden, cellGradient: &cell,
                    inputGradient: &layerInputGradient)
                initialHiddenGradient.scalars.replaceSubrange(slotRange, with: hidden)
                initialCellGradient?.scalars.replaceSubrange(slotRange, with: cell)
            }
            layerOutputGradient = needLayerInput
                ? Tensor(shape: [batch, time, features], scalars: layerInputGradient)
                : Tensor(zeros: [batch, time, features])
        }
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
    private func directionBackward(
        _ trace: DirectionTrace, parameters: DirectionWeights, reverse: Bool, time: Int, batch: Int,
        outputGradient: Tensor, outputColumn: Int,
        hiddenGradient: inout [Float], cellGradient: inout [Float], inputGradient: inout [Float]
    ) {
        let size = hiddenSize
        let gates = kind.gateCount * size
        let outputWidth = outputGradient.shape[2]
        // ∂L/∂P in rows b * time + t (the layout of the input projection), and ∂L/∂R in rows
        // s * batch + b (the layout of the trace's previous hidden states).
        var projectedGradient = [Float](repeating: 0, count: batch * time * gates)
        var recurrentGradient = [Float](repeating: 0, count: time * batch * gates)
        trace.gates.withUnsafeBufferPointer { gateValues in
        trace.extra.withUnsafeBufferPointer { extra in
        trace.previousHidden.withUnsafeBufferPointer { previousHidden in
        trace.previousCell.withUnsafeBufferPointer { previousCell in
        trace.weights.hidden.scalars.withUnsafeBufferPointer { hiddenWeight in
        projectedGradient.withUnsafeMutableBufferPointer { dp in
        recurrentGradient.withUnsafeMutableBufferPointer { dr in
        hiddenGradient.withUnsafeMutableBufferPointer { dh in
        cellGradient.withUnsafeMutableBufferPointer { dc in
            for step in (0..<time).reversed() {
                let t = reverse ? time - 1 - step : step
                for b in 0..<batch {
                    let out = (b * time + t) * outputWidth + outputColumn
                    for j in 0..<size { dh[b * size + j] += outputGradient.scalars[out + j] }
                    let row = step * batch + b
                    CellStep.backward(
                        kind, size: size,
                        gates: gateValues.baseAddress! + row * gates, extra: extra.baseAddress! + row * size,
                        previousHidden: previousHidden.baseAddress! + row * size,
                        previousCell: (previousCell.baseAddress ?? previousHidden.baseAddress!) + row * size,
                        hiddenGradient: dh.baseAddress! + b * size, cellGradient: dc.baseAddress! + b * size,
                        projectedGradient: dp.baseAddress! + (b * time + t) * gates,
                        recurrentGradient: dr.baseAddress! + row * gates)
                }
                // ∂L/∂h_{t-1} += ∂L/∂R_t · W_hh   ([batch, gates] · [gates, hiddenSize]).
                MatrixProduct.multiply(
                    m: batch, n: size, k: gates, a: dr.baseAddress! + step * batch * gates, lda: gates, transposeA: false,
                    b: hiddenWeight.baseAddress!, ldb: size, transposeB: false,
                    c: dh.baseAddress!, ldc: size, accumulate: true)
            }
        }}}}}}}}}
        // Weight gradients over all steps at once: ∂W_ih = ∂Pᵀ · X, ∂W_hh = ∂Rᵀ · H_prev.
        accumulateProduct(into: parameters.inputWeight, rows: gates, columns: trace.input.shape[1],
                          left: projectedGradient, right: trace.input.scalars, depth: batch * time)
        accumulateProduct(into: parameters.hiddenWeight, rows: gates, columns: size,
                          left: recurrentGradient, right: trace.previousHidden, depth: time * batch)
        if let bias = parameters.inputBias { accumulateColumnSums(of: projectedGradient, columns: gates, into: bias) }
        if let bias = parameters.hiddenBias { accumulateColumnSums(of: recurrentGradient, columns: gates, into: bias) }
        if !inputGradient.isEmpty {
            // ∂X += ∂P · W_ih   ([batch * time, gates] · [gates, features]).
            let features = trace.input.shape[1]
            projectedGradient.withUnsafeBufferPointer { dp in
                trace.weights.input.scalars.withUnsafeBufferPointer { w in
                    inputGradient.withUnsafeMutableBufferPointer { dx in
                        MatrixProduct.multiply(
                            m: batch * time, n: features, k: gates, a: dp.baseAddress!, lda: gates, transposeA: false,
                            b: w.baseAddress!, ldb: features, transposeB: false, c: dx.baseAddress!, ldc: features,
                            accumulate: true)
                    }
                }
            }
        }
    }

    /// `parameter.gradient[rows, columns] += leftᵀ · right` for `left` `[depth, rows]` and
    /// `right` `[depth, columns]`.
    private func accumulateProduct(into parameter: Parameter, rows: Int, columns: Int, left: [Float], right: [Float], depth: Int) {
        guard depth > 0 else { return }
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                parameter.gradient.scalars.withUnsafeMutableBufferPointer { g in
                    MatrixProduct.multiply(
                        m: rows, n: columns, k: depth, a: l.baseAddress!, lda: rows, transposeA: true,
                        b: r.baseAddress!, ldb: columns, transposeB: false, c: g.baseAddress!, ldc: columns,
                        accumulate: true)
                }
            }
        }
    }

    /// `parameter.gradient[j] += Σ_row matrix[row, j]`, rows in order.
    private func accumulateColumnSums(of matrix: [Float], columns: Int, into parameter: Parameter) {
        parameter.gradient.scalars.withUnsafeMutableBufferPointer { g in
            for row in 0..<(matrix.count / columns) {
                for j in 0..<columns { g[j] += matrix[row * columns + j] }
            }
        }
    }
}
