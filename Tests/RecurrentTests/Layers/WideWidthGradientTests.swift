import Testing
@testable import Recurrent

/// The fused layers' backward pass against finite differences at 27 units, two layers,
/// bidirectional, with padded sequences. `RecurrentLayerGradientTests` checks every entry at 4
/// units, which only the scalar remainder of the step kernels computes.
///
/// The check runs with the engine's default kernels, the widest the processor has (16-wide
/// where it has AVX-512): finite differences test the gradient formulas, and
/// `WideWidthPyTorchTests` holds both widths to PyTorch. (It leaves `Engine.usesWideVectors`
/// alone, so the kinds run in parallel; a test switching widths meanwhile changes no bits.) A debug build takes 10–40 ms per forward pass at this size (mostly the
/// unoptimised matrix kernel), and a full check would need two for each of about 20 000
/// entries, so entries are sampled where the kernels split the units: in every gate block of
/// every parameter and in every row of the initial states, one unit in each of `unitRanges` —
/// units 0–15 (the 16-wide block: the AVX-512 step, or `Lanes16`), 16–23 (the 8-wide block)
/// and 24–26 (the scalar remainder) — the unit within its range and the column of a weight
/// matrix rotating from block to block and parameter to parameter, so that different lanes
/// are checked. Every fourth entry of the input is checked too.
@Suite struct WideWidthGradientTests {
    static let kinds = ["rnn_tanh", "lstm", "gru", "cho_gru", "peephole_lstm"]
    static let hiddenSize = 27
    static let unitRanges = [0..<16, 16..<24, 24..<27]
    static let (inputSize, batch, time, lengths) = (5, 2, 4, [4, 2])

    @Test(arguments: kinds)
    func backwardMatchesFiniteDifferences(kind: String) {
        Self.check(kind, kernels: Engine.usesWideVectors ? "16-wide" : "8-wide")
    }

    /// Flat indices of the sampled entries of a tensor whose rows come in blocks of `H`: a bias
    /// `[G · H]` or peephole `[3H]`, a weight `[G · H, columns]`, or an initial state
    /// `[slots, batch, H]` (treated as `slots · batch` blocks of one row). `salt` varies the
    /// units and columns picked from tensor to tensor.
    static func sampledEntries(_ shape: [Int], salt: Int) -> [Int] {
        let size = hiddenSize
        let isState = shape.count == 3
        let blocks = isState ? shape[0] * shape[1] : shape[0] / size
        let rows = (0..<blocks).flatMap { block in
            unitRanges.map { range in block * size + range.lowerBound + (block * 5 + salt) % range.count }
        }
        guard shape.count == 2 else { return rows }
        let columns = shape[1]
        return rows.map { row in row * columns + (row * 7 + salt) % columns }
    }

    static func check(_ kind: String, kernels: String) {
        let layer = LayerUnderTest(
            kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, layerCount: 2, bidirectional: true, seed: 31)
        let stateShape = [4, batch, hiddenSize]
        let input = Parameter(randomTensor([batch, time, inputSize], seed: 32))
        let initialHidden = Parameter(randomTensor(stateShape, seed: 33, range: 0.5))
        let initialCell = Parameter(randomTensor(stateShape, seed: 34, range: 0.5))
        let outputWeights = randomTensor([batch, time, 2 * hiddenSize], seed: 35)
        let stateWeights = randomTensor(stateShape, seed: 36)

        func evaluate() -> Double {
            let result = layer(input.value, hidden: initialHidden.value, cell: layer.hasCell ? initialCell.value : nil, lengths: lengths)
            var total = 0.0
            for (value, weight) in zip(result.output.scalars, outputWeights.scalars) { total += Double(value) * Double(weight) }
            for (value, weight) in zip(result.hidden.scalars, stateWeights.scalars) { total += Double(value) * Double(weight) }
            for (value, weight) in zip(result.cell?.scalars ?? [], stateWeights.scalars) { total += 0.5 * Double(value) * Double(weight) }
            return total
        }

        let result = layer(input.variable, hidden: initialHidden.variable, cell: layer.hasCell ? initialCell.variable : nil, lengths: lengths)
        var total = (result.output * Variable(outputWeights)).sum() + (result.hidden * Variable(stateWeights)).sum()
        if let cell = result.cell { total = total + (cell * Variable(stateWeights * 0.5)).sum() }
        total.backward()

        var checked: [(name: String, parameter: Parameter, entries: [Int])] = layer.layer.namedParameters.enumerated().map {
            ($1.name, $1.parameter, sampledEntries($1.parameter.shape, salt: $0))
        }
        checked.append(("input", input, Array(stride(from: 0, to: input.value.count, by: 4))))
        checked.append(("initial hidden", initialHidden, sampledEntries(stateShape, salt: 1)))
        if layer.hasCell { checked.append(("initial cell", initialCell, sampledEntries(stateShape, salt: 2))) }
        for (name, parameter, entries) in checked {
            let numerical = GradientCheck.numericalGradient(of: evaluate, parameter: parameter, entries: entries, epsilon: 1e-2)
            let analytic = entries.map { parameter.gradient.scalars[$0] }
            let difference = GradientCheck.largestRelativeDifference(analytic, numerical)
            #expect(difference < 1e-2, "\(kind) \(kernels) \(name): relative difference \(difference)")
        }
    }
}
