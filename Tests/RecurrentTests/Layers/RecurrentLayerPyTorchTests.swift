import Testing
@testable import Recurrent

/// The built-in layers against PyTorch on the same parameters, inputs and initial states:
/// outputs, final states, and the gradients of a weighted sum of them with respect to the
/// input, the initial states and every parameter.
@Suite struct RecurrentLayerPyTorchTests {
    static let fixture = try! PyTorchFixture.load("recurrent_layers.json")

    static func stack(for reference: PyTorchFixture.Case) -> RecurrentStack {
        var generator = RandomGenerator(seed: 0)
        let kind: RecurrentCellKind = switch reference.kind {
        case "rnn_tanh": .rnnTanh
        case "rnn_relu": .rnnReLU
        case "lstm": .lstm
        default: .gru
        }
        let stack = RecurrentStack(
            kind: kind, inputSize: reference.inputSize, hiddenSize: reference.hiddenSize,
            layerCount: reference.layerCount, bias: true, bidirectional: reference.bidirectional,
            generator: &generator)
        // By name, not position: a parameter missing on one side must not shift the others.
        for expected in reference.parameters {
            guard let parameter = stack.namedParameters.first(where: { $0.name == expected.name })?.parameter,
                  parameter.shape == expected.shape else { continue }
            parameter.value = Tensor(shape: expected.shape, scalars: expected.values)
        }
        return stack
    }

    @Test(arguments: fixture.cases)
    func parameterNamesAndShapesMatch(_ reference: PyTorchFixture.Case) {
        let stack = Self.stack(for: reference)
        #expect(stack.namedParameters.map(\.name) == reference.parameters.map(\.name))
        #expect(stack.namedParameters.map(\.parameter.shape) == reference.parameters.map(\.shape))
    }

    @Test(arguments: fixture.cases)
    func forwardMatchesPyTorch(_ reference: PyTorchFixture.Case) throws {
        let stack = Self.stack(for: reference)
        let result = stack.forward(
            reference.input.tensor, initialHidden: reference.initialHidden.tensor, initialCell: reference.initialCell?.tensor)
        #expect(largestRelativeError(result.output, reference.output.tensor) < 1e-5)
        #expect(largestRelativeError(result.hidden, reference.finalHidden.tensor) < 1e-5)
        if let finalCell = reference.finalCell {
            let cell = try #require(result.cell)
            #expect(largestRelativeError(cell, finalCell.tensor) < 1e-5)
        }
    }

    @Test(arguments: fixture.cases)
    func gradientsMatchPyTorch(_ reference: PyTorchFixture.Case) throws {
        let stack = Self.stack(for: reference)
        let input = Variable(reference.input.tensor, requiresGradient: true)
        let initialHidden = Variable(reference.initialHidden.tensor, requiresGradient: true)
        let initialCell = reference.initialCell.map { Variable($0.tensor, requiresGradient: true) }
        let result = stack.forward(input, initialHidden: initialHidden, initialCell: initialCell)
        var loss = (result.output * Variable(reference.outputWeights.tensor)).sum()
            + (result.hidden * Variable(reference.hiddenWeights.tensor)).sum()
        if let cell = result.cell, let weights = reference.cellWeights {
            loss = loss + (cell * Variable(weights.tensor)).sum()
        }
        loss.backward()
        #expect(largestRelativeError(try #require(input.gradient), reference.inputGradient.tensor) < 1e-5)
        #expect(largestRelativeError(try #require(initialHidden.gradient), reference.initialHiddenGradient.tensor) < 1e-5)
        if let expected = reference.initialCellGradient {
            #expect(largestRelativeError(try #require(initialCell?.gradient), expected.tensor) < 1e-5)
        }
        // Over both sides' names, so that a parameter missing on either side fails.
        let engine = Dictionary(uniqueKeysWithValues: stack.namedParameters.map { ($0.name, $0.parameter) })
        let pytorch = Dictionary(uniqueKeysWithValues: reference.parameterGradients.map { ($0.name, $0) })
        for name in Set(engine.keys).union(pytorch.keys).sorted() {
            guard let parameter = engine[name], let expected = pytorch[name] else {
                Issue.record("\(name) is \(engine[name] == nil ? "missing from the engine" : "not in PyTorch")")
                continue
            }
            let error = largestRelativeError(parameter.gradient, Tensor(shape: expected.shape, scalars: expected.values))
            #expect(error < 1e-5, "\(name): relative error \(error)")
        }
    }
}
