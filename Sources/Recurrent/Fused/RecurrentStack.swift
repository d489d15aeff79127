import Foundation

/// The weights of one direction of one layer, named as in PyTorch's `state_dict`.
struct DirectionWeights {
    /// `[gateCount * hiddenSize, inputSize]`: input-to-hidden weights, gates stacked.
    let inputWeight: Parameter
    /// `[gateCount * hiddenSize, hiddenSize]`: hidden-to-hidden weights, gates stacked.
    let hiddenWeight: Parameter
    /// `[gateCount * hiddenSize]` each, or `nil` for a layer built without bias.
    let inputBias: Parameter?
    let hiddenBias: Parameter?
    /// `[3 * hiddenSize]`: peephole weights for i, f, o (peephole LSTM only).
    let peephole: Parameter?
    /// `[3 * hiddenSize, 3 * hiddenSize]`: previous (i, f, o) to current (i, f, o) (full gate
    /// recurrence only).
    let gateRecurrence: Parameter?
}

/// The shared machinery behind `RNN`, `LSTM` and `GRU`: a stack of layers, each one or two
/// directions, run over whole sequences at once.
///
/// Each direction runs its steps in fused form: per step one `[batch, input] · W_ihᵀ` and one
/// `[batch, hidden] · W_hhᵀ` product with both weights packed once per pass, then the gate
/// arithmetic of the whole batch (`CellStep`); the backward pass is in `+Backward` and adds the
/// weight gradients chunk by chunk (`+WeightGradients`). Layer `l > 0` reads the concatenated
/// outputs of layer `l - 1`.
final class RecurrentStack {
    let kind: RecurrentCellKind
    let inputSize: Int
    let hiddenSize: Int
    let layerCount: Int
    let directionCount: Int
    /// `weights[layer][direction]`, direction 1 being the reversed one.
    let weights: [[DirectionWeights]]
    /// Whether `backward` keeps `∂L/∂h_t` for every step in `stateGradients`.
    var recordsStateGradients = false
    /// After a backward pass with `recordsStateGradients`: one `[batch, time, hiddenSize]`
    /// tensor per layer and direction (index `layer * directionCount + direction`) holding the
    /// total gradient of the loss with respect to each hidden state `h_t`, through every path.
    var stateGradients: [Tensor] = []

    init(
        kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, layerCount: Int, bias: Bool,
        bidirectional: Bool, generator: inout RandomGenerator
    ) {
        require(inputSize > 0 && hiddenSize > 0 && layerCount > 0,
                     "recurrent layer: inputSize \(inputSize), hiddenSize \(hiddenSize) and layerCount \(layerCount) must be positive")
        Engine.keepFreedMemory()
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.directionCount = bidirectional ? 2 : 1
        let rows = kind.gateCount * hiddenSize
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        var weights: [[DirectionWeights]] = []
        for layer in 0..<layerCount {
            let layerInput = layer == 0 ? inputSize : hiddenSize * directionCount
            var directions: [DirectionWeights] = []
            for _ in 0..<directionCount {
                // Drawn in PyTorch's state_dict order: weight_ih, weight_hh, bias_ih, bias_hh.
                let inputWeight = Parameter(initializer.tensor(shape: [rows, layerInput], generator: &generator))
                let hiddenWeight = Parameter(initializer.tensor(shape: [rows, hiddenSize], generator: &generator))
                let inputBias = bias ? Parameter(initializer.tensor(shape: [rows], generator: &generator)) : nil
                let hiddenBias = bias ? Parameter(initializer.tensor(shape: [rows], generator: &generator)) : nil
                let peephole = kind.hasPeepholes ? Parameter(initializer.tensor(shape: [3 * hiddenSize], generator: &generator)) : nil
                let gateRecurrence = kind.hasGateRecurrence
                    ? Parameter(initializer.tensor(shape: [3 * hiddenSize, 3 * hiddenSize], generator: &generator)) : nil
                directions.append(DirectionWeights(
                    inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: inputBias, hiddenBias: hiddenBias,
                    peephole: peephole, gateRecurrence: gateRecurrence))
            }
            weights.append(directions)
        }
        self.weights = weights
    }

    /// Every parameter under its PyTorch name, in `state_dict` order.
    var namedParameters: [(name: String, parameter: Parameter)] {
        var named: [(name: String, parameter: Parameter)] = []
        for (layer, directions) in weights.enumerated() {
            for (direction, weight) in directions.enumerated() {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                named.append(("weight_ih" + suffix, weight.inputWeight))
                named.append(("weight_hh" + suffix, weight.hiddenWeight))
                if let bias = weight.inputBias { named.append(("bias_ih" + suffix, bias)) }
                if let bias = weight.hiddenBias { named.append(("bias_hh" + suffix, bias)) }
                if let peephole = weight.peephole { named.append(("weight_peephole" + suffix, peephole)) }
                if let gates = weight.gateRecurrence { named.append(("weight_gates" + suffix, gates)) }
            }
        }
        return named
    }

    /// The shape initial and final states have: `[layerCount * directionCount, batch, hiddenSize]`.
    func stateShape(batch: Int) -> [Int] {
        [layerCount * directionCount, batch, hiddenSize]
    }

    /// The current values of the weights of every layer and direction.
    func weightValues() -> [[DirectionWeightValues]] {
        weights.map { directions in
            directions.map { weight in
                DirectionWeightValues(
                    input: weight.inputWeight.value, hidden: weight.hiddenWeight.value,
                    inputBias: weight.inputBias?.value, hiddenBias: weight.hiddenBias?.value,
                    peephole: weight.peephole?.value, gateRecurrence: weight.gateRecurrence?.value)
            }
        }
    }

    /// Runs the whole stack over `input`.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`.
    ///   - initialHidden: `[layerCount * directionCount, batch, hiddenSize]`, zeros if `nil`.
    ///   - initialCell: same shape, for LSTMs; zeros if `nil`.
    ///   - lengths: for sequences of different lengths padded at the end, each sequence's
    ///     length; steps at or past it leave the state unchanged and output zeros, and the
    ///     reverse direction starts at the sequence's own last step (PyTorch's packed
    ///     sequences). `nil` when every sequence fills all `time` steps.
    ///   - keepTrace: whether to keep what `backward` needs.
    /// - Returns: `output` `[batch, time, directionCount * hiddenSize]` (the last layer's
    ///   hidden states, directions concatenated along features), the final `hidden` and
    ///   `cell` states `[layerCount * directionCount, batch, hiddenSize]` (`cell` only for
    ///   LSTMs), and the trace when asked for.
    func forward(_ input: Tensor, initialHidden: Tensor?, initialCell: Tensor?, lengths: [Int]? = nil, keepTrace: Bool = false)
        -> (output: Tensor, hidden: Tensor, cell: Tensor?, trace: RecurrentTrace?)
    {
        require(
            input.rank == 3 && input.shape[2] == inputSize,
            "\(kind) forward: input shape \(input.shape) is not [batch, time, \(inputSize)]")
        let (batch, time) = (input.shape[0], input.shape[1])
        let stateShape = stateShape(batch: batch)
        for (name, state) in [("initial hidden state", initialHidden), ("initial cell state", initialCell)] {
            if let state {
                require(state.shape == stateShape, "\(kind) forward: \(name) shape \(state.shape) is not \(stateShape)")
            }
        }
        require(initialCell == nil || kind.hasCellState, "\(kind) forward: only an LSTM takes an initial cell state")
        require(lengths == nil || !kind.hasGateRecurrence, "\(kind) forward: full gate recurrence does not take lengths")
        if let lengths {
            require(lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                    "\(kind) forward: lengths \(lengths) must give one length in 0...\(time) per sequence of the batch \(batch)")
        }
        let stateCount = batch * hiddenSize
        let values = weightValues()
        var finalHidden = Tensor(zeros: stateShape)
        var finalCell = kind.hasCellState ? Tensor(zeros: stateShape) : nil
        var traces: [[DirectionTrace]] = []
        var layerInput = input
        for layer in 0..<layerCount {
            var layerOutput = Tensor(zeros: [batch, time, directionCount * hiddenSize])
            var layerTraces: [DirectionTrace] = []
            for direction in 0..<directionCount {
                let slot = layer * directionCount + direction
                let slotRange = slot * stateCount..<(slot + 1) * stateCount
                var hidden = initialHidden.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                var cell = initialCell.map { Array($0.scalars[slotRange]) } ?? [Float](repeating: 0, count: stateCount)
                let trace = runDirection(
                    values[layer][direction], input: layerInput, reverse: direction == 1,
                    hidden: &hidden, cell: &cell, output: &layerOutput, outputColumn: direction * hiddenSize,
                    lengths: lengths, keepTrace: keepTrace)
                if let trace { layerTraces.append(trace) }
                finalHidden.scalars.replaceSubrange(slotRange, with: hidden)
                finalCell?.scalars.replaceSubrange(slotRange, with: cell)
            }
            traces.append(layerTraces)
            layerInput = layerOutput
        }
        let trace = keepTrace ? RecurrentTrace(batch: batch, time: time, lengths: lengths, directions: traces) : nil
        return (layerInput, finalHidden, finalCell, trace)
    }

    /// Runs one direction of one layer over all steps.
    ///
    /// - Parameters:
    ///   - input: `[batch, time, features]`.
    ///   - hidden, cell: `[batch, hiddenSize]`, the initial states on entry, the final on exit.
    ///   - output: `[batch, time, directionCount * hiddenSize]`; this direction writes columns
    ///     `outputColumn ..< outputColumn + hiddenSize` of every step.
    private func runDirection(
        _ weights: DirectionWeightValues, input: Tensor, reverse: Bool,
        hidden: inout [Float], cell: inout [Float], output: inout Tensor, outputColumn: Int,
        lengths: [Int]?, keepTrace: Bool
    ) -> DirectionTrace? {
        let (batch, time, features) = (input.shape[0], input.shape[1], input.shape[2])
        let size = hiddenSize
        let gateWidth = kind.gateCount * size
        let flatInput = input.reshaped([batch * time, features])
        // W_ih x_t + b_ih [batch, gates] is computed step by step, just before the step reads
        // it, into one small buffer that stays in the cache: computed for all steps at once it
        // was the largest buffer of the pass (6.5 MB for an h128 LSTM over 100 steps), written
        // and read back from memory three times. Each entry is the same chain either way
        // (`MatrixProduct` adds in increasing depth whatever the rows), so the same bits.
        let inputWeights = PackedOperand.packing(weights.input, transposed: true)
        let projected = ScratchBuffer(uninitialized: batch * gateWidth)
        let inputBias = weights.inputBias.map { ScratchBuffer(copying: $0.scalars) }
        let inputValues = ScratchBuffer(copying: flatInput.scalars)
        /// `P_t` of sequence `b` at `projected.at(b * gateWidth)`.
        func project(_ t: Int) {
            MatrixProduct.multiply(
                m: batch, a: inputValues.at(t * features), lda: time * features, transposeA: false,
                packed: inputWeights, c: projected.base, ldc: gateWidth, accumulate: false)
            if let inputBias {
                RowArithmetic.add(inputBias.base, toEveryRowOf: projected.base, rows: batch, width: gateWidth)
            }
        }
        // W_hhᵀ [hiddenSize, gates], packed once for the product of every step. Cho's GRU
        // multiplies column blocks of it separately and keeps it as a plain transposed copy.
        let recurrentWeights = kind == .choGRU ? nil : PackedOperand.packing(weights.hidden, transposed: true)
        let hiddenWeightTransposed = ScratchBuffer(copying: kind == .choGRU ? weights.hidden.transposed().scalars : [])
        let hiddenBias = ScratchBuffer(copying: weights.hiddenBias?.scalars ?? [Float](repeating: 0, count: gateWidth))
        // The states live where the trace keeps them: block `s` (`[batch, size]`) is the state
        // step `s` starts from, and the step writes block `s + 1`, so no step copies a state.
        // Without a trace two blocks take turns.
        let stateCount = batch * size
        let blocks = keepTrace ? time + 1 : 2
        func block(_ step: Int) -> Int { (keepTrace ? step : step % 2) * stateCount }
        let hiddenStates = ScratchBuffer(uninitialized: blocks * stateCount)
        let cellStates = ScratchBuffer(uninitialized: kind.hasCellState ? blocks * stateCount : 0)
        hiddenStates.base.update(from: hidden, count: stateCount)
        if kind.hasCellState { cellStates.base.update(from: cell, count: stateCount) }
        // Buffers every step overwrites before reading need no zeroing.
        let recurrent = ScratchBuffer(uninitialized: batch * gateWidth)
        let stepCount = time * batch
        // Without a trace, every step writes its gates into the same scratch row.
        let gates = ScratchBuffer(uninitialized: (keepTrace ? stepCount : batch) * gateWidth)
        // An LSTM's new cell is the next block of `cellStates`; the other cells keep more here.
        let extra = ScratchBuffer(uninitialized: kind.hasCellState ? 0 : (keepTrace ? stepCount : batch) * size)
        let outputWidth = output.shape[2]
        let peephole = ScratchBuffer(copying: weights.peephole?.scalars ?? [])
        let resetState = ScratchBuffer(zeros: kind == .choGRU ? batch * size : 0)
        let gateRecurrence = weights.gateRecurrence.map { GateRecurrence(weights: $0, batch: batch, size: size) }
        let prefetchRows = CellStep.prefetchRows(batch: batch, gateWidth: gateWidth)
        output.scalars.withUnsafeMutableBufferPointer { outputValues in
            for step in 0..<time {
                let t = reverse ? time - 1 - step : step
                let traceRow = keepTrace ? step * batch : 0
                let (previousState, newState) = (hiddenStates.at(block(step)), hiddenStates.at(block(step + 1)))
                let (previousCell, newCell) = (cellStates.at(block(step)), cellStates.at(block(step + 1)))
                project(t)
                if kind == .choGRU {
                    // Its step updates the state in place, in the new block.
                    newState.update(from: previousState, count: stateCount)
                    choGRUStep(
                        batch: batch, projected: projected.base, projectedRowStride: gateWidth,
                        recurrent: recurrent, hiddenWeightTransposed: hiddenWeightTransposed, hiddenBias: hiddenBias,
                        state: newState, resetState: resetState,
                        gates: gates.at(traceRow * gateWidth), extra: extra.at(traceRow * size),
                        active: { lengths == nil || t < lengths![$0] })
                    for b in 0..<batch where lengths == nil || t < lengths![b] {
                        (outputValues.baseAddress! + (b * time + t) * outputWidth + outputColumn)
                            .update(from: newState + b * size, count: size)
                    }
                    continue
                }
                // [batch, gates]: b_hh + h · W_hhᵀ.
                for b in 0..<batch { recurrent.at(b * gateWidth).update(from: hiddenBias.base, count: gateWidth) }
                MatrixProduct.multiply(
                    m: batch, a: previousState, lda: size, transposeA: false, packed: recurrentWeights!,
                    c: recurrent.base, ldc: gateWidth, accumulate: true)
                gateRecurrence?.addToPreactivations(recurrent)
                // A sequence past its length keeps its state and outputs zeros.
                let active = lengths.map { lengths in { (b: Int) in t < lengths[b] } }
                for b in 0..<batch where !(active?(b) ?? true) {
                    (newState + b * size).update(from: previousState + b * size, count: size)
                    if kind.hasCellState { (newCell + b * size).update(from: previousCell + b * size, count: size) }
                }
                CellStep.forward(
                    kind, size: size, rows: batch, active: active,
                    projected: projected.base, projectedStride: gateWidth, recurrent: recurrent.base,
                    previousHidden: previousState, previousCell: previousCell, hidden: newState, cell: newCell,
                    gates: gates.at(traceRow * gateWidth), extra: extra.at(traceRow * size), peephole: peephole.base,
                    nextStepRows: keepTrace && step + 1 < time ? prefetchRows : 0)
                for b in 0..<batch where active?(b) ?? true {
                    (outputValues.baseAddress! + (b * time + t) * outputWidth + outputColumn)
                        .update(from: newState + b * size, count: size)
                }
                gateRecurrence?.remember(gates: gates.at(traceRow * gateWidth))
            }
        }
        hidden = Array(UnsafeBufferPointer(start: hiddenStates.at(block(time)), count: stateCount))
        if kind.hasCellState { cell = Array(UnsafeBufferPointer(start: cellStates.at(block(time)), count: stateCount)) }
        guard keepTrace else { return nil }
        return DirectionTrace(
            input: flatInput, weights: weights, hiddenStates: hiddenStates, cellStates: cellStates,
            gates: gates, extra: extra)
    }

    /// One step of Cho et al.'s GRU for the whole batch. The reset gate scales the state before
    /// the candidate's product, so each step needs two products: `h · W_h[r,z]ᵀ` for the
    /// gates, then `(r ⊙ h) · W_hnᵀ` for the candidate.
    ///
    /// - Parameters:
    ///   - projected: `P` of this step for sequence 0; sequence `b` is `projectedRowStride` further.
    ///   - recurrent: `[batch, 3H]` scratch.
    ///   - state: `[batch, H]`, the previous hidden state on entry, the new one on exit.
    ///   - resetState: `[batch, H]` scratch for `r ⊙ h`.
    ///   - gates: `[batch, 3H]` receives r, z, n; extra: `[batch, H]` receives `r ⊙ h`.
    ///   - active: whether sequence `b` is within its length at this step.
    private func choGRUStep(
        batch: Int, projected: UnsafeMutablePointer<Float>, projectedRowStride: Int,
        recurrent: ScratchBuffer, hiddenWeightTransposed: ScratchBuffer, hiddenBias: ScratchBuffer,
        state: UnsafeMutablePointer<Float>, resetState: ScratchBuffer,
        gates: UnsafeMutablePointer<Float>, extra: UnsafeMutablePointer<Float>, active: (Int) -> Bool
    ) {
        let size = hiddenSize
        let width = 3 * size
        for b in 0..<batch { recurrent.at(b * width).update(from: hiddenBias.base, count: width) }
        MatrixProduct.multiply(
            m: batch, n: 2 * size, k: size, a: state, lda: size, transposeA: false,
            b: hiddenWeightTransposed.base, ldb: width, transposeB: false, c: recurrent.base, ldc: width, accumulate: true)
        // Every sequence, active or not: the second product reads every row of r ⊙ h.
        for b in 0..<batch {
            CellStep.choGRUGates(
                size: size, p: projected + b * projectedRowStride, r: recurrent.at(b * width), h: state + b * size,
                g: gates + b * width, s: resetState.at(b * size))
        }
        MatrixProduct.multiply(
            m: batch, n: size, k: size, a: resetState.base, lda: size, transposeA: false,
            b: hiddenWeightTransposed.at(2 * size), ldb: width, transposeB: false,
            c: recurrent.at(2 * size), ldc: width, accumulate: true)
        for b in 0..<batch where active(b) {
            CellStep.choGRUCandidate(
                size: size, p: projected + b * projectedRowStride, r: recurrent.at(b * width), previous: state + b * size,
                h: state + b * size, g: gates + b * width)
        }
        extra.update(from: resetState.base, count: batch * size)
    }
}
