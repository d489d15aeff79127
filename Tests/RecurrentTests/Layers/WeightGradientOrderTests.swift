import Testing
@testable import Recurrent

/// The weight gradients are added chunk by chunk during the backward pass (`StepGradientRing`):
/// the order of their sums is fixed by the chunks alone, never by what else the pass computes.
@Suite struct WeightGradientOrderTests {
    enum Kind: CaseIterable { case lstm, rnn, gru }

    /// Every parameter gradient of one pass, as bit patterns, asking or not for the input's.
    static func parameterGradientBits(_ kind: Kind, inputSize: Int, inputGradient: Bool) -> [[UInt32]] {
        var generator = RandomGenerator(seed: 71)
        let layer: RecurrentLayer = switch kind {
        case .lstm: LSTM(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        case .rnn: RNN(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        case .gru: GRU(inputSize: inputSize, hiddenSize: 19, layerCount: 2, bidirectional: true, generator: &generator)
        }
        let input = Variable(randomTensor([5, 6, inputSize], seed: 72, range: 2), requiresGradient: inputGradient)
        let lengths = [6, 3, 0, 5, 1]
        let output: Variable = switch kind {
        case .lstm: (layer as! LSTM)(input, lengths: lengths).output
        case .rnn: (layer as! RNN)(input, lengths: lengths).output
        case .gru: (layer as! GRU)(input, lengths: lengths).output
        }
        (output * Variable(randomTensor(output.shape, seed: 73))).sum().backward()
        return layer.namedParameters.map { $0.parameter.gradient.scalars.map(\.bitPattern) }
    }

    /// Asking for the input's gradient adds a product per step, but leaves the parameters'
    /// gradients' bits alone — forwards and reversed, with padded sequences, with the thin and
    /// the general input-weight product, and in a second layer, which always passes a gradient down.
    @Test(arguments: Kind.allCases, [3, 8, 11])
    func parameterGradientsDoNotDependOnTheInputGradient(kind: Kind, inputSize: Int) {
        let shared = Self.parameterGradientBits(kind, inputSize: inputSize, inputGradient: false)
        let stored = Self.parameterGradientBits(kind, inputSize: inputSize, inputGradient: true)
        #expect(shared.count == stored.count)
        for (index, (a, b)) in zip(shared, stored).enumerated() {
            let differing = zip(a, b).filter { $0 != $1 }.count
            #expect(a.count == b.count && differing == 0, "parameter \(index): \(differing) of \(a.count) values differ")
        }
    }

    /// `accumulateWeightGradients`, called as the backward pass calls it (chunks completed from
    /// the last to the first), adds every entry as one chain of fused multiply-adds from its
    /// starting value: the latest chunk first, and within a chunk steps ascending, then
    /// sequences; each bias entry one addition at a time in the same order. Checked against
    /// that chain written out, for both directions, a last chunk shorter than the others, the
    /// GRU's separate `∂P` and Cho's GRU's split `W_hh`, and inputs on the thin (3) and the
    /// general (11) product. Split between parts (`WorkShare`, as threads take it), each
    /// adding its own rows, the same bits: one part, two, and three (one with no rows of a
    /// gated-state cell's later block).
    @Test(arguments: [RecurrentCellKind.lstm, .gru, .choGRU], [3, 11])
    func chunksAddLatestFirstThenRowsInOrder(kind: RecurrentCellKind, features: Int) {
        let (batch, time, size) = (3, 19, 9)
        let gates = kind.gateCount * size
        for reverse in [false, true] { for parts in 1...3 {
            var generator = RandomGenerator(seed: 81)
            let stack = RecurrentStack(
                kind: kind, inputSize: features, hiddenSize: size, layerCount: 1, bias: true, bidirectional: false,
                generator: &generator)
            let parameters = stack.weights[0][0]
            let input = randomTensor([batch * time, features], seed: 82)
            let hiddenStates = randomTensor([(time + 1) * batch, size], seed: 83).scalars
            let extra = randomTensor([time * batch, size], seed: 84).scalars
            let unused = Tensor(zeros: [0])
            let trace = DirectionTrace(
                input: input,
                weights: DirectionWeightValues(input: unused, hidden: unused, inputBias: nil, hiddenBias: nil, peephole: nil, gateRecurrence: nil),
                hiddenStates: ScratchBuffer(copying: hiddenStates), cellStates: ScratchBuffer(zeros: 0),
                gates: ScratchBuffer(zeros: 0), extra: ScratchBuffer(copying: extra))
            // Starting values, so the chains must start from them.
            let all = [parameters.inputWeight, parameters.hiddenWeight, parameters.inputBias!, parameters.hiddenBias!]
            for (index, parameter) in all.enumerated() {
                parameter.gradient = randomTensor(parameter.value.shape, seed: 85 + UInt64(index))
            }
            var expected = all.map(\.gradient.scalars)
            // ∂R and ∂P of every step, rows s * batch + b.
            let recurrent = randomTensor([time * batch, gates], seed: 90).scalars
            let projected = kind.projectedGradientIsRecurrentGradient ? recurrent : randomTensor([time * batch, gates], seed: 91).scalars
            let ring = StepGradientRing(batch: batch, gates: gates, time: time, projectedIsRecurrent: kind.projectedGradientIsRecurrentGradient)
            let gatheredInputs = ScratchBuffer(zeros: StepGradientRing.chunkSteps * batch * features)
            var chunks: [Range<Int>] = []
            input.scalars.withUnsafeBufferPointer { x in
                for step in (0..<time).reversed() {
                    for b in 0..<batch {
                        let row = (step * batch + b) * gates
                        ring.recurrentRows(step: step).advanced(by: b * gates).update(from: Array(recurrent[row..<row + gates]), count: gates)
                        ring.projectedRows(step: step).advanced(by: b * gates).update(from: Array(projected[row..<row + gates]), count: gates)
                    }
                    if let chunk = StepGradientRing.chunk(completedBy: step, time: time) {
                        chunks.append(chunk)
                        parameters.withGradientTargets { targets in
                            for index in 0..<parts {
                                stack.accumulateWeightGradients(
                                    ofSteps: chunk, ring: ring, trace: trace, into: targets, reverse: reverse, time: time,
                                    input: x.baseAddress, binaryInput: nil, gatheredInputs: gatheredInputs.base,
                                    share: WorkShare(index: index, count: parts))
                            }
                        }
                    }
                }
            }
            #expect(chunks == [16..<19, 8..<16, 0..<8])
            for chunk in chunks {
                for step in chunk {
                    let t = reverse ? time - 1 - step : step
                    for b in 0..<batch {
                        let row = step * batch + b
                        for g in 0..<gates {
                            let (dR, dP) = (recurrent[row * gates + g], projected[row * gates + g])
                            // Cho's GRU multiplies its candidate rows by r ⊙ h, kept in `extra`.
                            let states = kind == .choGRU && g >= 2 * size ? extra : hiddenStates
                            for j in 0..<size { expected[1][g * size + j].addProduct(dR, states[row * size + j]) }
                            for f in 0..<features { expected[0][g * features + f].addProduct(dP, input.scalars[(b * time + t) * features + f]) }
                            expected[2][g] += dP
                            expected[3][g] += dR
                        }
                    }
                }
            }
            for (index, parameter) in all.enumerated() {
                let differing = zip(parameter.gradient.scalars, expected[index]).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(kind) features \(features) reverse \(reverse) parts \(parts) parameter \(index): \(differing) differ")
            }
        } }
    }

    /// A batch of zero steps has nothing to add to the input weights' gradient, whichever
    /// path would have read it.
    @Test(arguments: [false, true])
    func zeroStepsLeaveTheGradientsZero(inputGradient: Bool) {
        var generator = RandomGenerator(seed: 74)
        let layer = LSTM(inputSize: 3, hiddenSize: 5, generator: &generator)
        let input = Variable(Tensor(zeros: [2, 0, 3]), requiresGradient: inputGradient)
        let (output, state) = layer(input)
        #expect(output.shape == [2, 0, 5])
        (output.sum() + state.hidden.sum() + state.cell.sum()).backward()
        for (name, parameter) in layer.namedParameters {
            #expect(parameter.gradient.scalars.allSatisfy { $0 == 0 }, "\(name)")
        }
    }
}
