import Testing
@testable import Recurrent

/// Every built-in kind against PyTorch at hidden sizes 27 (= 16 + 8 + 3: a 16-wide group — the
/// AVX-512 step, or `Lanes16` — an 8-wide group and the scalar remainder) and 40 (= 2 · 16 + 8),
/// two layers, bidirectional with padded sequences at 27: outputs, final states, and the
/// gradients of the input, the initial states and every parameter. Each case runs once with
/// the 16-wide kernels (AVX-512) and once with the 8-wide ones, so both are held to PyTorch,
/// not only to each other.
///
/// References: `WidePyTorchFixture` (torch.nn for RNN, LSTM and GRU; the Cho GRU and the
/// peephole LSTM written step by step in torch, checked against torch.nn on the kinds it has).
@Suite struct WideWidthPyTorchTests {
    static let fixture = try! WidePyTorchFixture.load()

    /// Largest `|engine − PyTorch| / max(|PyTorch|, 1)` allowed for any value or gradient, as
    /// in `RecurrentLayerPyTorchTests`. The references are exact to float32 rounding; the
    /// engine's tanh and σ are within 3·10⁻⁷ absolute (`FastMathTests`), and over two layers of
    /// six steps the largest error is 1.0·10⁻⁶ (the GRU at 40 units; 3–9·10⁻⁷ for the other
    /// cases, the same with either width). Scaling one lane of one gate by 1 + 10⁻⁴ in the
    /// 16-wide step gives errors of 2–8·10⁻⁵, which fail. One bound for every kind: the Cho
    /// GRU's kernel (libm today) is not held tighter than the shared fast math allows.
    static let tolerance: Float = 1e-5

    @Test(arguments: fixture.cases)
    func parameterNamesAndShapesMatchBothWays(_ reference: WidePyTorchFixture.Case) {
        let layer = Self.layer(for: reference)
        let engine = layer.layer.namedParameters.map { ($0.name, $0.parameter.shape) }
        let pytorch = reference.parameters.map { ($0.name, $0.shape) }
        let engineNames = Set(engine.map(\.0))
        let pytorchNames = Set(pytorch.map(\.0))
        #expect(engineNames.subtracting(pytorchNames).isEmpty, "only in the engine: \(engineNames.subtracting(pytorchNames).sorted())")
        #expect(pytorchNames.subtracting(engineNames).isEmpty, "only in PyTorch: \(pytorchNames.subtracting(engineNames).sorted())")
        #expect(engine.map(\.0) == pytorch.map(\.0), "state_dict order")
        #expect(engine.map(\.1) == pytorch.map(\.1), "shapes")
    }

    @Test(.enabled(if: VectorWidth.wideIsAvailable, "the 16-wide kernels need a processor with AVX-512"),
          arguments: fixture.cases)
    func matchesPyTorchWithTheSixteenWideKernels(_ reference: WidePyTorchFixture.Case) throws {
        try VectorWidth.with(wide: true) { try Self.expectMatch(reference, kernels: "16-wide") }
    }

    @Test(arguments: fixture.cases)
    func matchesPyTorchWithTheEightWideKernels(_ reference: WidePyTorchFixture.Case) throws {
        try VectorWidth.with(wide: false) { try Self.expectMatch(reference, kernels: "8-wide") }
    }

    /// The engine's layer for `reference`, holding its parameters (every one, found by name).
    static func layer(for reference: WidePyTorchFixture.Case) -> LayerUnderTest {
        let layer = LayerUnderTest(
            kind: reference.kind, inputSize: reference.inputSize, hiddenSize: reference.hiddenSize,
            layerCount: reference.layerCount, bidirectional: reference.bidirectional)
        for expected in reference.parameters {
            if let parameter = layer.layer.parameter(named: expected.name), parameter.shape == expected.shape {
                parameter.value = reference.value("parameter/" + expected.name)
            }
        }
        return layer
    }

    /// Forward values and gradients of one case with whichever kernels are selected.
    static func expectMatch(_ reference: WidePyTorchFixture.Case, kernels: String) throws {
        let layer = layer(for: reference)
        let label = "\(reference.name), \(kernels)"
        func expectClose(_ actual: Tensor?, _ field: String) {
            guard let actual else {
                Issue.record("\(label): the engine gives no \(field)")
                return
            }
            let expected = reference.value(field)
            guard actual.shape == expected.shape else {
                Issue.record("\(label) \(field): shape \(actual.shape), PyTorch \(expected.shape)")
                return
            }
            let error = largestRelativeError(actual, expected)
            #expect(error < tolerance, "\(label) \(field): relative error \(error)")
        }

        // Forward on tensors, as inference runs it.
        let initialCell = reference.hasCell ? reference.value("initialCell") : nil
        let values = layer(reference.value("input"), hidden: reference.value("initialHidden"), cell: initialCell,
                           lengths: reference.lengths)
        expectClose(values.output, "output")
        expectClose(values.hidden, "finalHidden")
        if reference.hasCell { expectClose(values.cell, "finalCell") }

        // Forward and backward on variables.
        let input = Variable(reference.value("input"), requiresGradient: true)
        let hidden = Variable(reference.value("initialHidden"), requiresGradient: true)
        let cell = initialCell.map { Variable($0, requiresGradient: true) }
        let result = layer(input, hidden: hidden, cell: cell, lengths: reference.lengths)
        var loss = (result.output * Variable(reference.value("outputWeights"))).sum()
            + (result.hidden * Variable(reference.value("hiddenWeights"))).sum()
        if reference.hasCell {
            let finalCell = try #require(result.cell, "\(label): no final cell")
            loss = loss + (finalCell * Variable(reference.value("cellWeights"))).sum()
        }
        loss.backward()
        expectClose(result.output.value, "output")
        expectClose(input.gradient, "inputGradient")
        expectClose(hidden.gradient, "initialHiddenGradient")
        if reference.hasCell { expectClose(cell?.gradient, "initialCellGradient") }

        // Every parameter on either side, so that one missing on one side fails.
        let engineNames = layer.layer.namedParameters.map(\.name)
        let pytorchNames = reference.parameters.map(\.name)
        for name in Set(engineNames).union(pytorchNames).sorted() {
            guard let parameter = layer.layer.parameter(named: name) else {
                Issue.record("\(label): PyTorch's \(name) is missing from the engine")
                continue
            }
            guard reference.values["gradient/" + name] != nil else {
                Issue.record("\(label): the engine's \(name) is missing from PyTorch")
                continue
            }
            expectClose(parameter.gradient, "gradient/" + name)
        }
    }
}
