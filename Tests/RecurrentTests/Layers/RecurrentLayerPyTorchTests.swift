import Testing
@testable import Recurrent

/// The built-in layers against PyTorch on the same parameters, inputs and initial states.
@Suite struct RecurrentLayerPyTorchTests {
    static let fixture = try! PyTorchFixture.load("forward.json")

    @Test(arguments: fixture.cases)
    func forwardMatchesPyTorch(_ reference: PyTorchFixture.Case) throws {
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
        #expect(stack.namedParameters.map(\.name) == reference.parameters.map(\.name))
        for (named, expected) in zip(stack.namedParameters, reference.parameters) {
            #expect(named.parameter.shape == expected.shape, "\(expected.name)")
            named.parameter.value = Tensor(shape: expected.shape, scalars: expected.values)
        }
        let result = stack.forward(
            reference.input.tensor, initialHidden: reference.initialHidden.tensor, initialCell: reference.initialCell?.tensor)
        #expect(largestRelativeError(result.output, reference.output.tensor) < 1e-5)
        #expect(largestRelativeError(result.hidden, reference.finalHidden.tensor) < 1e-5)
        if let finalCell = reference.finalCell {
            let cell = try #require(result.cell)
            #expect(largestRelativeError(cell, finalCell.tensor) < 1e-5)
        }
    }
}
