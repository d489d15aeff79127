import Testing
@testable import Recurrent

@Suite struct RecurrentLayerMakeTests {
    static let kinds: [RecurrentCellKind] = [
        .rnnTanh, .rnnReLU, .lstm, .gru, .peepholeLSTM, .choGRU, .structuredLSTM(LSTMStructure(greff: .noForgetGate)),
    ]

    /// The factory returns the class the kind belongs to, with the weights that class's own
    /// initialiser draws from the same generator.
    @Test(arguments: kinds)
    func makeBuildsTheKindsClassWithTheSameWeights(_ kind: RecurrentCellKind) {
        var generator = RandomGenerator(seed: 95)
        let made = RecurrentLayer.make(kind, inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
        var again = RandomGenerator(seed: 95)
        let direct: RecurrentLayer = switch kind {
        case .rnnTanh: RNN(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &again)
        case .rnnReLU: RNN(inputSize: 3, hiddenSize: 4, layerCount: 2, nonlinearity: .relu, bidirectional: true, generator: &again)
        case .lstm: LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &again)
        case .gru: GRU(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &again)
        case .peepholeLSTM: PeepholeLSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &again)
        case .choGRU: ChoGRU(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &again)
        case .structuredLSTM(let structure):
            VariantLSTM(inputSize: 3, hiddenSize: 4, structure: structure, layerCount: 2, bidirectional: true, generator: &again)
        }
        #expect(type(of: made) == type(of: direct))
        #expect(made.kind == kind)
        #expect(made.layerCount == 2 && made.directionCount == 2 && made.inputSize == 3 && made.hiddenSize == 4)
        #expect(made.namedParameters.map(\.name) == direct.namedParameters.map(\.name))
        #expect(made.parameters.map(\.value) == direct.parameters.map(\.value))
    }

    @Test func kindsReadAsNamesAndServeAsKeys() {
        #expect(Self.kinds.map(\.description) == [
            "RNN", "ReLU RNN", "LSTM", "GRU", "peephole LSTM", "Cho's GRU", "LSTM with peepholes, without forget gate",
        ])
        #expect(Set(Self.kinds).count == Self.kinds.count)
        #expect(Set([RecurrentCellKind.structuredLSTM(.peephole), .structuredLSTM(.peephole), .peepholeLSTM]).count == 2)
    }
}
