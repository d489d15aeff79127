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
/// `[batch, hidden] · W_hhᵀ` product (two for a gated-state cell, see `FusedStepProducts`)
/// with both weights packed once per pass, then the gate arithmetic of the whole batch (the
/// kind's `FusedCell`); the backward pass is in `+Backward` and adds the weight gradients
/// chunk by chunk (`+WeightGradients`). Layer `l > 0` reads the concatenated outputs of layer
/// `l - 1`.
final class RecurrentStack {
    let kind: RecurrentCellKind
    /// What `kind` is, for every part of the pass that depends on it.
    let fusedCell: any FusedCell
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

    /// The fewest sequences a thread takes through the steps (and its slice's alignment): one
    /// panel of the wide matrix kernel. A batch below twice this runs on one thread.
    static let sequencesPerPart = 8

    /// The fewest multiply-adds a step's products must take for the pass to be split between
    /// threads. The threads meet once per chunk of steps, not per step, so even a small step
    /// pays: on an AMD EPYC Zen 5, an LSTM of 32 units, batch 32 (a step of 2¹⁷·³), split in
    /// two, took 0.47–0.62 ms a training step in 7 of 8 launches against 0.72–0.98 on one
    /// thread, launched in turn (one launch of each took 1.2–1.5 ms, the machine's outliers).
    /// On an Intel Xeon, with an earlier engine, splitting it had gained nothing measurable
    /// (1.85 against 1.92 ms), so this threshold rests on the Zen 5. Far below it, a GRU of 16
    /// units on one input (2¹⁴·⁷ a step), split, took 0.15–0.19 ms in 9 of 13 launches but
    /// 0.39–0.42 in the other 4, against 0.15–0.23 unsplit: the meetings dominate a step of a
    /// microsecond or two, and a late second thread costs more than it saves.
    /// A variable so that tests can split small passes.
    nonisolated(unsafe) static var splitStepWork = 1 << 17

    /// How many parts (threads) a pass of one direction over `batch` sequences of `features`
    /// inputs may take: one per `sequencesPerPart` sequences, or one when a step is small or
    /// the cell's step mixes sequences (`mixesSequences`).
    func sequenceParts(batch: Int, features: Int, mixesSequences: Bool) -> Int {
        let stepWork = batch * fusedCell.gateCount * hiddenSize * (features + hiddenSize)
        return mixesSequences || stepWork < Self.splitStepWork ? 1 : batch / Self.sequencesPerPart
    }

    init(
        kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, layerCount: Int, bias: Bool,
        bidirectional: Bool, generator: inout RandomGenerator
    ) {
        require(inputSize > 0 && hiddenSize > 0 && layerCount > 0,
                     "recurrent layer: inputSize \(inputSize), hiddenSize \(hiddenSize) and layerCount \(layerCount) must be positive")
        Engine.keepFreedMemory()
        self.kind = kind
        self.fusedCell = kind.fusedCell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.directionCount = bidirectional ? 2 : 1
        let rows = fusedCell.gateCount * hiddenSize
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
                let peephole = fusedCell.hasPeepholes ? Parameter(initializer.tensor(shape: [3 * hiddenSize], generator: &generator)) : nil
                let gateRecurrence = fusedCell.hasGateRecurrence
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
        require(initialCell == nil || fusedCell.hasCellState, "\(kind) forward: only an LSTM takes an initial cell state")
        require(lengths == nil || !fusedCell.hasGateRecurrence, "\(kind) forward: full gate recurrence does not take lengths")
        if let lengths {
            require(lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                    "\(kind) forward: lengths \(lengths) must give one length in 0...\(time) per sequence of the batch \(batch)")
        }
        let stateCount = batch * hiddenSize
        let values = weightValues()
        var finalHidden = Tensor(zeros: stateShape)
        var finalCell = fusedCell.hasCellState ? Tensor(zeros: stateShape) : nil
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
        let gateWidth = fusedCell.gateCount * size
        let extraWidth = fusedCell.extraCount * size
        let hasCellState = fusedCell.hasCellState
        let flatInput = input.reshaped([batch * time, features])
        // W_ih x_t + b_ih [batch, gates] is computed step by step, just before the step reads
        // it, into one small buffer that stays in the cache: computed for all steps at once it
        // was the largest buffer of the pass (6.5 MB for an h128 LSTM over 100 steps), written
        // and read back from memory three times. Each entry is the same chain either way
        // (`MatrixProduct` adds in increasing depth whatever the rows), so the same bits.
        let projected = ScratchBuffer(uninitialized: batch * gateWidth)
        let inputBias = weights.inputBias.map { ScratchBuffer(copying: $0.scalars) }
        let inputValues = ScratchBuffer(copying: flatInput.scalars)
        // One-hot inputs: each row of P is the sum of the ones' rows of W_ihᵀ (the same bits).
        let binaryInput = BinaryInputRows(inputValues.base, rows: batch * time, features: features)
        let transposedInputWeights = binaryInput.flatMap { _ in
            weights.input.scalars.withUnsafeBufferPointer {
                BinaryInputRows.transposedWeights($0.baseAddress!, gates: gateWidth, features: features)
            }
        }
        let inputWeights = transposedInputWeights == nil ? PackedOperand.packing(weights.input, transposed: true) : nil
        /// `P_t` of sequences `rows`, sequence `b`'s at `projected.at(b * gateWidth)`.
        func project(_ t: Int, rows: Range<Int>) {
            if let binaryInput, let transposedInputWeights {
                for b in rows {
                    binaryInput.projectRow(b * time + t, transposedWeights: transposedInputWeights.base, gates: gateWidth,
                                           into: projected.at(b * gateWidth))
                }
            } else if let inputWeights {
                MatrixProduct.multiply(
                    m: rows.count, a: inputValues.at((rows.lowerBound * time + t) * features), lda: time * features,
                    transposeA: false, packed: inputWeights, c: projected.at(rows.lowerBound * gateWidth), ldc: gateWidth,
                    accumulate: false)
            }
            if let inputBias {
                RowArithmetic.add(inputBias.base, toEveryRowOf: projected.at(rows.lowerBound * gateWidth), rows: rows.count, width: gateWidth)
            }
        }
        // W_hhᵀ [hiddenSize, gates], packed once for the products of every step, in the blocks
        // that read h and (a gated-state cell's) those that read its gated state.
        let products = fusedCell.stepProducts
        let leadingWidth = fusedCell.stateGateCount * size
        let recurrentWeights = PackedRecurrentWeights(weights.hidden, leadingRows: leadingWidth, transposed: true)
        let hiddenBias = ScratchBuffer(copying: weights.hiddenBias?.scalars ?? [Float](repeating: 0, count: gateWidth))
        // The states live where the trace keeps them: block `s` (`[batch, size]`) is the state
        // step `s` starts from, and the step writes block `s + 1`, so no step copies a state.
        // Without a trace two blocks take turns.
        let stateCount = batch * size
        let blocks = keepTrace ? time + 1 : 2
        func block(_ step: Int) -> Int { (keepTrace ? step : step % 2) * stateCount }
        let hiddenStates = ScratchBuffer(uninitialized: blocks * stateCount)
        let cellStates = ScratchBuffer(uninitialized: hasCellState ? blocks * stateCount : 0)
        hiddenStates.base.update(from: hidden, count: stateCount)
        if hasCellState { cellStates.base.update(from: cell, count: stateCount) }
        // Buffers every step overwrites before reading need no zeroing.
        let recurrent = ScratchBuffer(uninitialized: batch * gateWidth)
        let stepCount = time * batch
        // Without a trace, every step writes its gates and extra values into the same rows.
        let gates = ScratchBuffer(uninitialized: (keepTrace ? stepCount : batch) * gateWidth)
        let extra = ScratchBuffer(uninitialized: (keepTrace ? stepCount : batch) * extraWidth)
        let outputWidth = output.shape[2]
        let peephole = ScratchBuffer(copying: weights.peephole?.scalars ?? [])
        let gateRecurrence = weights.gateRecurrence.map { GateRecurrence(weights: $0, batch: batch, size: size) }
        let prefetchRows = FusedForwardStep.prefetchRows(batch: batch, gateWidth: gateWidth)
        // Until the weight gradients, sequences do not meet: with several threads each part
        // takes its own slice of the batch through every step, with no barrier between steps,
        // and computes each value as one thread would. (Full gate recurrence multiplies the
        // whole batch's gates by one matrix in each step; it runs as one part.)
        let parts = sequenceParts(batch: batch, features: features, mixesSequences: fusedCell.hasGateRecurrence)
        output.scalars.withUnsafeMutableBufferPointer { outputValues in
            let outputBase = outputValues.baseAddress!
            // One piece per thread: a smaller piece would multiply fewer rows by each step's
            // weights (a guess at the cost; not measured).
            WorkerTeam.run(pieces: min(parts, Engine.threadCount)) { share in
                let rows = share.slice(of: batch, alignment: Self.sequencesPerPart)
                guard !rows.isEmpty else { return }
                let first = rows.lowerBound
                for step in 0..<time {
                    let t = reverse ? time - 1 - step : step
                    let traceRow = keepTrace ? step * batch : 0
                    let (previousState, newState) = (hiddenStates.at(block(step)), hiddenStates.at(block(step + 1)))
                    let (previousCell, newCell) = (cellStates.at(block(step)), cellStates.at(block(step + 1)))
                    project(t, rows: rows)
                    // A sequence past its length keeps its state and outputs zeros.
                    let active = lengths.map { lengths in { (b: Int) in t < lengths[b] } }
                    let cellStep = FusedForwardStep(
                        size: size, rows: batch, gateWidth: gateWidth, extraWidth: extraWidth, active: active,
                        projected: projected.base, projectedStride: gateWidth, recurrent: recurrent.base,
                        previousHidden: previousState, previousCell: previousCell, hidden: newState, cell: newCell,
                        gates: gates.at(traceRow * gateWidth), extra: extra.at(traceRow * extraWidth), peephole: peephole.base,
                        nextStepRows: keepTrace && step + 1 < time ? prefetchRows : 0
                    ).sequences(rows)
                    // [rows, gates]: b_hh + h · W_hhᵀ; a gated-state cell's later blocks read its
                    // gated state instead, formed from the leading blocks in between.
                    for b in rows { recurrent.at(b * gateWidth).update(from: hiddenBias.base, count: gateWidth) }
                    MatrixProduct.multiply(
                        m: rows.count, a: previousState + first * size, lda: size, transposeA: false,
                        packed: recurrentWeights.leading, c: recurrent.at(first * gateWidth), ldc: gateWidth, accumulate: true)
                    if case .gatedState(let gatedCell) = products {
                        gatedCell.forwardGatedState(cellStep)
                        MatrixProduct.multiply(
                            m: rows.count, a: cellStep.extra, lda: extraWidth, transposeA: false, packed: recurrentWeights.trailing,
                            c: recurrent.at(first * gateWidth + leadingWidth), ldc: gateWidth, accumulate: true)
                    }
                    gateRecurrence?.addToPreactivations(recurrent)
                    for b in 0..<rows.count where !cellStep.isActive(b) {
                        (cellStep.hidden + b * size).update(from: cellStep.previousHidden + b * size, count: size)
                        if hasCellState { (cellStep.cell + b * size).update(from: cellStep.previousCell + b * size, count: size) }
                    }
                    fusedCell.forward(cellStep)
                    for b in rows where active?(b) ?? true {
                        (outputBase + (b * time + t) * outputWidth + outputColumn).update(from: newState + b * size, count: size)
                    }
                    gateRecurrence?.remember(gates: gates.at(traceRow * gateWidth))
                }
            }
        }
        hidden = Array(UnsafeBufferPointer(start: hiddenStates.at(block(time)), count: stateCount))
        if hasCellState { cell = Array(UnsafeBufferPointer(start: cellStates.at(block(time)), count: stateCount)) }
        guard keepTrace else { return nil }
        return DirectionTrace(
            input: flatInput, weights: weights, hiddenStates: hiddenStates, cellStates: cellStates,
            gates: gates, extra: extra, binaryInput: binaryInput)
    }
}
