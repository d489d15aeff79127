/// The weight and bias gradients of one direction, added chunk by chunk as the backward pass
/// completes the chunks of its `StepGradientRing`.
extension RecurrentStack {
    /// For the steps `steps` (a chunk whose gradients `ring` holds):
    /// `∂W_hh += ∂Rᵀ · H_prev` and `∂W_ih += ∂Pᵀ · X`, and the biases' gradients `+=` the column
    /// sums of `∂R` and `∂P`, added as the products read them. Depth runs over the chunk's rows
    /// `slot · batch + b` in order.
    ///
    /// - Parameters:
    ///   - input: `[batch * time, features]`, the layer's input (rows `b * time + t`); `nil`
    ///     when it is empty.
    ///   - gatheredInputs: `[chunkSteps * batch, features]` scratch, for layers with more inputs
    ///     than `ThinWeightGradient` handles.
    func accumulateWeightGradients(
        ofSteps steps: Range<Int>, ring: StepGradientRing, trace: DirectionTrace, parameters: DirectionWeights,
        reverse: Bool, time: Int, input: UnsafePointer<Float>?, gatheredInputs: ScratchBuffer
    ) {
        let (batch, size, gates) = (ring.batch, hiddenSize, ring.gates)
        let depth = steps.count * batch
        let firstRow = steps.lowerBound * batch
        let recurrent = UnsafePointer(ring.recurrentRows(step: steps.lowerBound))
        // The trace's previous states are in rows `s · batch + b`, the ring's order. The rows
        // of the gates that read h multiply them (every row, but for a gated-state cell).
        let leadingWidth = fusedCell.stateGateCount * size
        accumulateProduct(into: parameters.hiddenWeight, bias: parameters.hiddenBias, rows: leadingWidth, columns: size,
                          left: recurrent, leftStride: gates, right: trace.hiddenStates.at(firstRow * size), depth: depth)
        if case .gatedState = fusedCell.stepProducts {
            // The later rows multiply the gated state, the first `[H]` of each row of `extra`.
            let extraWidth = fusedCell.extraCount * size
            accumulateProduct(into: parameters.hiddenWeight, bias: parameters.hiddenBias, rowOffset: leadingWidth,
                              rows: gates - leadingWidth, columns: size, left: recurrent + leadingWidth, leftStride: gates,
                              right: trace.extra.at(firstRow * extraWidth), rightStride: extraWidth, depth: depth)
        }
        let projected = UnsafePointer(ring.projectedRows(step: steps.lowerBound))
        let features = trace.input.shape[1]
        guard features > 0, let input else {
            // No inputs: the input bias's gradient on its own.
            return accumulateProduct(into: parameters.inputWeight, bias: parameters.inputBias, rows: gates, columns: 0,
                                     left: projected, leftStride: gates, right: nil, depth: depth)
        }
        // The input rows are by sequence: slot i of the chunk is time t_i, row b · time + t_i.
        let firstTime = reverse ? time - 1 - steps.lowerBound : steps.lowerBound
        let inputs = ThinWeightGradient.RowWalk(
            base: input + firstTime * features, outerStride: reverse ? -features : features, innerStride: time * features)
        if features <= ThinWeightGradient.maximumFeatures {
            withGradient(of: parameters.inputBias) { biasGradient in
                parameters.inputWeight.gradient.scalars.withUnsafeMutableBufferPointer { gradient in
                    ThinWeightGradient.accumulate(
                        columns: gates, features: features, outerCount: steps.count, innerCount: batch, x: inputs,
                        d: .init(base: projected, outerStride: batch * gates, innerStride: gates),
                        gradient: gradient.baseAddress!, sums: biasGradient)
                }
            }
            return
        }
        // The general product reads its right operand in depth order: gather the chunk's rows.
        for slot in 0..<steps.count {
            for b in 0..<batch {
                gatheredInputs.at((slot * batch + b) * features).update(from: inputs.row(outer: slot, inner: b), count: features)
            }
        }
        accumulateProduct(into: parameters.inputWeight, bias: parameters.inputBias, rows: gates, columns: features,
                          left: projected, leftStride: gates, right: gatheredInputs.base, depth: depth)
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
    /// for `left` `[depth, rows]` (row stride `leftStride`) and `right` `[depth, columns]` (row
    /// stride `rightStride`, else `columns`), and the same entries of `bias.gradient` `+=` the
    /// column sums of `left` (rows in order).
    private func accumulateProduct(
        into parameter: Parameter, bias: Parameter?, rowOffset: Int = 0, rows: Int, columns: Int,
        left: UnsafePointer<Float>, leftStride: Int, right: UnsafePointer<Float>?, rightStride: Int? = nil, depth: Int
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
                    b: right, ldb: rightStride ?? columns, transposeB: false, c: g.baseAddress! + rowOffset * columns, ldc: columns,
                    accumulate: true, depthSumsOfA: biasGradient)
            }
        }
    }
}
