import Foundation
@testable import Recurrent
import Testing

/// A layer whose input is one-hot skips the input's zeros in its two products with it
/// (`BinaryInputRows`) and gives the bits of the full products: every output, final state and
/// gradient, for every kind, both kernel widths, one and two threads, full and padded batches,
/// both directions, a second layer (which reads a dense input), two backward passes adding into
/// the same gradients, and the cases that must fall back to the full products (infinite
/// weights, infinite gate gradients in one chunk of two, a gradient holding −0 or a signalling
/// NaN).
@Suite struct BinaryInputRowsTests {
    /// One-hot rows of `features` (two ones per row when `multiHot`): the kth row's ones at
    /// `(7k) % used` and `(7k + 3) % used`, so the columns from `used` on hold no one.
    static func oneHot(batch: Int, time: Int, features: Int, used: Int? = nil, multiHot: Bool = false) -> Tensor {
        let used = used ?? features
        var scalars = [Float](repeating: 0, count: batch * time * features)
        for row in 0..<batch * time {
            scalars[row * features + (7 * row) % used] = 1
            if multiHot { scalars[row * features + (7 * row + 3) % used] = 1 }
        }
        return Tensor(shape: [batch, time, features], scalars: scalars)
    }

    /// What may go wrong in a run: weights or gate gradients that are not finite, a gradient that
    /// holds −0 before the backward pass.
    enum Hazard: CaseIterable { case none, infiniteWeight, infiniteGradient, negativeZeroGradient, signallingNaNGradient }

    /// Two forward and backward passes (the second adds into the first's gradients): the bits of
    /// the outputs, final states and every parameter's gradient after each, and of the
    /// gradients of the initial states.
    static func hash(
        _ kind: RecurrentCellKind, layers: Int, input: Tensor, size: Int, padded: Bool, hazard: Hazard = .none
    ) -> [UInt32] {
        let (batch, time, features) = (input.shape[0], input.shape[1], input.shape[2])
        var generator = RandomGenerator(seed: 77)
        let stack = RecurrentStack(
            kind: kind, inputSize: features, hiddenSize: size, layerCount: layers, bias: true, bidirectional: true,
            generator: &generator)
        let inputWeight = stack.namedParameters.first { $0.name == "weight_ih_l0" }!.parameter
        switch hazard {
        case .infiniteWeight: inputWeight.value.scalars[3 * features + 5] = .infinity
        // In a column no input row has a one: its gradient's chain adds only 0 · ∂P.
        case .negativeZeroGradient: inputWeight.gradient.scalars[2 * features + features - 1] = -0.0
        case .signallingNaNGradient: inputWeight.gradient.scalars[2 * features + features - 1] = Float(bitPattern: 0x7fa0_0001)
        case .none, .infiniteGradient: break
        }
        let stateShape = stack.stateShape(batch: batch)
        let hidden = Variable(randomTensor(stateShape, seed: 78), requiresGradient: true)
        let cell = kind.hasCellState ? Variable(randomTensor(stateShape, seed: 81), requiresGradient: true) : nil
        let lengths = padded ? (0..<batch).map { [time, time - 3, 0, 1][$0 % 4] } : nil
        var bits: [UInt32] = []
        for pass in 0..<2 {
            let result = stack.forward(Variable(input), initialHidden: hidden, initialCell: cell, lengths: lengths)
            var weighting = randomTensor(result.output.shape, seed: 79 + UInt64(pass))
            // At step 1 of sequence 0: the forward direction's first chunk of steps (9 to 2)
            // stays finite, its second (1, 0) is not.
            if hazard == .infiniteGradient { weighting.scalars[1 * weighting.shape[2] + 1] = Float.infinity }
            let loss = (result.output * Variable(weighting)).sum() + (result.hidden * result.hidden).sum()
            loss.backward()
            var tensors = [result.output.value, result.hidden.value]
            if let finalCell = result.cell { tensors.append(finalCell.value) }
            // After each pass: a hazard may make the second pass take the full products.
            tensors += stack.namedParameters.map(\.parameter.gradient)
            for tensor in tensors { bits += tensor.scalars.map(\.bitPattern) }
        }
        bits += hidden.gradient!.scalars.map(\.bitPattern)
        if let cell { bits += cell.gradient!.scalars.map(\.bitPattern) }
        return bits
    }

    /// Where two runs' bits first differ (`nil` when they are the same), for a short failure message.
    static func firstDifference(_ a: [UInt32], _ b: [UInt32]) -> String? {
        guard a != b else { return nil }
        guard a.count == b.count else { return "\(a.count) values against \(b.count)" }
        let index = a.indices.first { a[$0] != b[$0] }!
        return "value \(index) of \(a.count): \(Float(bitPattern: a[index])) against \(Float(bitPattern: b[index]))"
    }

    @Test(arguments: FusedBitHashes.kinds.map(\.name))
    func oneHotInputsGiveTheBitsOfTheFullProducts(kindName: String) {
        let kind = FusedBitHashes.kinds.first { $0.name == kindName }!.kind
        let takesLengths = !kindName.hasPrefix("gateRecurrence")
        for wide in VectorWidth.available {
            for threads in [1, 2] {
                for (batch, multiHot) in [(20, false), (4, true)] {
                    for padded in [false, true] where takesLengths || !padded {
                        let input = Self.oneHot(batch: batch, time: 10, features: 20, multiHot: multiHot)
                        // The skipping run does skip: the input qualifies.
                        #expect(ZeroInputSkipping.with(skips: true) {
                            input.scalars.withUnsafeBufferPointer { BinaryInputRows($0.baseAddress!, rows: batch * 10, features: 20) != nil }
                        })
                        let runs = [false, true].map { skips in
                            VectorWidth.with(wide: wide) {
                                ThreadCount.with(threads, splittingEveryPass: true) {
                                    ZeroInputSkipping.with(skips: skips) {
                                        Self.hash(kind, layers: 2, input: input, size: 27, padded: padded)
                                    }
                                }
                            }
                        }
                        #expect(Self.firstDifference(runs[0], runs[1]) == nil, "\(kindName) wide \(wide) threads \(threads) batch \(batch) \(padded ? "lengths" : "full")")
                    }
                }
            }
        }
    }

    @Test(arguments: [Hazard.infiniteWeight, .infiniteGradient, .negativeZeroGradient, .signallingNaNGradient])
    func hazardsGiveTheBitsOfTheFullProducts(hazard: Hazard) {
        for kind in [RecurrentCellKind.lstm, .gru] {
            for threads in [1, 2] {
                // Ten steps: two chunks of the backward pass.
                let input = Self.oneHot(batch: 16, time: 10, features: 17, used: 16)
                let runs = [false, true].map { skips in
                    ThreadCount.with(threads, splittingEveryPass: true) {
                        ZeroInputSkipping.with(skips: skips) {
                            Self.hash(kind, layers: 1, input: input, size: 16, padded: false, hazard: hazard)
                        }
                    }
                }
                #expect(Self.firstDifference(runs[0], runs[1]) == nil, "\(kind) \(hazard) threads \(threads)")
                #expect(runs[1].contains { Float(bitPattern: $0).isNaN || !Float(bitPattern: $0).isFinite } || hazard == .negativeZeroGradient,
                        "the hazard reached the results")
            }
        }
    }

    @Test func onlyInputsOfZerosAndOnesMostlyZerosAreSkipped() {
        func detects(_ values: [Float], features: Int) -> Bool {
            ZeroInputSkipping.with(skips: true) {
                values.withUnsafeBufferPointer { BinaryInputRows($0.baseAddress!, rows: values.count / features, features: features) != nil }
            }
        }
        let oneHot = Self.oneHot(batch: 2, time: 3, features: 16).scalars
        #expect(detects(oneHot, features: 16))
        #expect(!detects(Self.oneHot(batch: 2, time: 3, features: 8).scalars, features: 8), "narrower than 16 features")
        for (index, value) in [(0, Float(0.5)), (1, -0.0), (2, -1), (3, .nan), (4, 2)] {
            var changed = oneHot
            changed[index] = value
            #expect(!detects(changed, features: 16), "an entry \(value)")
        }
        // One in eight may be one; one more is too dense.
        var dense = [Float](repeating: 0, count: 64)
        for k in 0..<8 { dense[k * 8] = 1 }
        #expect(detects(dense, features: 16))
        dense[1] = 1
        #expect(!detects(dense, features: 16))
        #expect(!ZeroInputSkipping.with(skips: false) {
            oneHot.withUnsafeBufferPointer { BinaryInputRows($0.baseAddress!, rows: 6, features: 16) != nil }
        }, "LESSONS_DENSE_INPUTS turns it off")
    }

    @Test func rowsListTheirOnesInOrder() {
        let values: [Float] = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                               1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let rows = ZeroInputSkipping.with(skips: true) {
            values.withUnsafeBufferPointer { BinaryInputRows($0.baseAddress!, rows: 3, features: 16)! }
        }
        let ones = (0..<3).map { r in
            var found: [Int] = []
            rows.forEachOne(inRow: r) { found.append($0) }
            return found
        }
        #expect(ones == [[1, 4, 15], [], [0]])
    }
}
