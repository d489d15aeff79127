/// The weight and bias gradients of one direction, added chunk by chunk as the backward pass
/// completes the chunks of its `StepGradientRing`.
extension RecurrentStack {
    /// For the steps `steps` (a chunk whose gradients `ring` holds):
    /// `∂W_hh += ∂Rᵀ · H_prev` and `∂W_ih += ∂Pᵀ · X`, and the biases' gradients `+=` the column
    /// sums of `∂R` and `∂P`, added as the products read them. Depth runs over the chunk's rows
    /// `slot · batch + b` in order. This part (`share`) adds its own slice of the gate rows of
    /// each gradient, all of the chunk's depth, so every entry is one chain whatever the parts.
    ///
    /// - Parameters:
    ///   - input: `[batch * time, features]`, the layer's input (rows `b * time + t`); `nil`
    ///     when it is empty.
    ///   - binaryInput: for a one-hot input, its ones and `∂W_ihᵀ` `[features, gates]`, which
    ///     this adds into instead of `targets.inputWeight`.
    ///   - gatheredInputs: `[chunkSteps * batch, features]` scratch of this part's own, for
    ///     layers with more inputs than `ThinWeightGradient` handles.
    func accumulateWeightGradients(
        ofSteps steps: Range<Int>, ring: StepGradientRing, trace: DirectionTrace, into targets: DirectionGradientTargets,
        reverse: Bool, time: Int, input: UnsafePointer<Float>?,
        binaryInput: (rows: BinaryInputRows, transposedGradient: UnsafeMutablePointer<Float>)?,
        gatheredInputs: UnsafeMutablePointer<Float>, share: WorkShare
    ) {
        let (batch, size, gates) = (ring.batch, hiddenSize, ring.gates)
        let depth = steps.count * batch
        let firstRow = steps.lowerBound * batch
        let recurrent = UnsafePointer(ring.recurrentRows(step: steps.lowerBound))
        // The trace's previous states are in rows `s · batch + b`, the ring's order. The rows
        // of the gates that read h multiply them (every row, but for a gated-state cell).
        let leadingWidth = fusedCell.stateGateCount * size
        accumulateProduct(into: targets.hiddenWeight, bias: targets.hiddenBias, rows: 0..<leadingWidth, columns: size,
                          left: recurrent, leftStride: gates, right: trace.hiddenStates.at(firstRow * size), depth: depth,
                          share: share)
        if case .gatedState = fusedCell.stepProducts {
            // The later rows multiply the gated state, the first `[H]` of each row of `extra`.
            let extraWidth = fusedCell.extraCount * size
            accumulateProduct(into: targets.hiddenWeight, bias: targets.hiddenBias, rows: leadingWidth..<gates, columns: size,
                              left: recurrent, leftStride: gates, right: trace.extra.at(firstRow * extraWidth),
                              rightStride: extraWidth, depth: depth, share: share)
        }
        let projected = UnsafePointer(ring.projectedRows(step: steps.lowerBound))
        let features = trace.input.shape[1]
        guard features > 0, let input else {
            // No inputs: the input bias's gradient on its own.
            return accumulateProduct(into: nil, bias: targets.inputBias, rows: 0..<gates, columns: 0,
                                     left: projected, leftStride: gates, right: nil, depth: depth, share: share)
        }
        // The input rows are by sequence: slot i of the chunk is time t_i, row b · time + t_i.
        let firstTime = reverse ? time - 1 - steps.lowerBound : steps.lowerBound
        if let binaryInput {
            // This part's gate rows of ∂W_ih, as columns of ∂W_ihᵀ; the bias sums as `accumulateProduct` adds them.
            let columns = share.slice(of: gates, alignment: Self.gradientRowAlignment)
            guard !columns.isEmpty else { return }
            binaryInput.rows.accumulateWeightGradient(
                depth: depth, gradient: projected, gradientStride: gates,
                inputRow: { d in (d % batch) * time + (reverse ? firstTime - d / batch : firstTime + d / batch) },
                columns: columns, into: binaryInput.transposedGradient, gates: gates)
            if let sums = targets.inputBias {
                RowArithmetic.addRows(of: projected + columns.lowerBound, rows: depth, width: columns.count, stride: gates,
                                      into: sums + columns.lowerBound)
            }
            return
        }
        let inputs = ThinWeightGradient.RowWalk(
            base: input + firstTime * features, outerStride: reverse ? -features : features, innerStride: time * features)
        if features <= ThinWeightGradient.maximumFeatures {
            let rows = share.slice(of: gates, alignment: Self.gradientRowAlignment)
            guard !rows.isEmpty, let gradient = targets.inputWeight else { return }
            ThinWeightGradient.accumulate(
                columns: rows.count, features: features, outerCount: steps.count, innerCount: batch, x: inputs,
                d: .init(base: projected + rows.lowerBound, outerStride: batch * gates, innerStride: gates),
                gradient: gradient + rows.lowerBound * features, sums: targets.inputBias.map { $0 + rows.lowerBound })
            return
        }
        // The general product reads its right operand in depth order: gather the chunk's rows.
        for slot in 0..<steps.count {
            for b in 0..<batch {
                (gatheredInputs + (slot * batch + b) * features).update(from: inputs.row(outer: slot, inner: b), count: features)
            }
        }
        accumulateProduct(into: targets.inputWeight, bias: targets.inputBias, rows: 0..<gates, columns: features,
                          left: projected, leftStride: gates, right: gatheredInputs, depth: depth, share: share)
    }

    /// A part's gate rows of a weight gradient start at a multiple of this: a whole number of
    /// the wide kernel's 16-lane vectors.
    static let gradientRowAlignment = 16

    /// This part's slice of rows `rows` of `gradient` `[_, columns]` `+= leftᵀ · right` for
    /// `left` `[depth, _]` (row stride `leftStride`, its column `r` read for gradient row `r`)
    /// and `right` `[depth, columns]` (row stride `rightStride`, else `columns`), and the same
    /// entries of `biasGradient` `+=` the column sums of `left` (rows in order).
    private func accumulateProduct(
        into gradient: UnsafeMutablePointer<Float>?, bias biasGradient: UnsafeMutablePointer<Float>?, rows: Range<Int>,
        columns: Int, left: UnsafePointer<Float>, leftStride: Int, right: UnsafePointer<Float>?, rightStride: Int? = nil,
        depth: Int, share: WorkShare
    ) {
        let slice = share.slice(of: rows.count, alignment: Self.gradientRowAlignment)
        guard depth > 0, !slice.isEmpty else { return }
        let first = rows.lowerBound + slice.lowerBound
        let sums = biasGradient.map { $0 + first }
        guard columns > 0, let right, let gradient else {
            // No product to ride along: the sums on their own.
            if let sums { RowArithmetic.addRows(of: left + first, rows: depth, width: slice.count, stride: leftStride, into: sums) }
            return
        }
        MatrixProduct.multiply(
            m: slice.count, n: columns, k: depth, a: left + first, lda: leftStride, transposeA: true,
            b: right, ldb: rightStride ?? columns, transposeB: false, c: gradient + first * columns, ldc: columns,
            accumulate: true, depthSumsOfA: sums)
    }
}
