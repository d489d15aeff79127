import Testing
@testable import Recurrent

@Suite struct VariantLSTMTests {
    /// With every part present the variant is the LSTM, and with peepholes the peephole LSTM,
    /// to the bit: same parameters drawn in the same order, same arithmetic.
    @Test func completeStructuresAreTheNamedLayers() {
        let input = randomTensor([2, 5, 3], seed: 61)
        var first = RandomGenerator(seed: 62), second = RandomGenerator(seed: 62)
        let lstm = LSTM(inputSize: 3, hiddenSize: 9, generator: &first)
        let standard = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: .standard, generator: &second)
        #expect(lstm(input).output == standard(input).output)
        var third = RandomGenerator(seed: 63), fourth = RandomGenerator(seed: 63)
        let peephole = PeepholeLSTM(inputSize: 3, hiddenSize: 9, generator: &third)
        let vanilla = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: LSTMStructure(greff: .vanilla), generator: &fourth)
        #expect(peephole(input).output == vanilla(input).output)
        #expect(vanilla.namedParameters.map(\.name) == peephole.namedParameters.map(\.name))
    }

    @Test func usedParametersLeaveOutRemovedGates() {
        var generator = RandomGenerator(seed: 64)
        // 4 gates × (9·3 + 9·9 + 9 + 9) = 504, plus 27 peepholes.
        let vanilla = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: .peephole, generator: &generator)
        #expect(vanilla.parameterCount == 531 && vanilla.usedParameterCount == 531)
        let noForget = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: LSTMStructure(greff: .noForgetGate), generator: &generator)
        #expect(noForget.usedParameterCount == 531 - 126 - 9)
        let coupled = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: LSTMStructure(greff: .coupledGates), generator: &generator)
        #expect(coupled.usedParameterCount == 531 - 126 - 9)
        let noOutputGate = VariantLSTM(inputSize: 3, hiddenSize: 9, structure: LSTMStructure(outputGate: false), generator: &generator)
        #expect(noOutputGate.usedParameterCount == 504 - 126)
    }

    /// Without a forget gate nothing is ever erased: with input and candidate held positive the
    /// cell grows at every step; with it, the cell stays bounded by the gate.
    @Test func removingTheForgetGateLetsTheCellAccumulate() {
        var generator = RandomGenerator(seed: 65)
        let layer = VariantLSTM(inputSize: 1, hiddenSize: 1, structure: LSTMStructure(forgetGate: false), generator: &generator)
        layer.parameter(named: "weight_ih_l0")!.value = Tensor(shape: [4, 1], scalars: [0, 0, 0, 0])
        layer.parameter(named: "weight_hh_l0")!.value = Tensor(shape: [4, 1], scalars: [0, 0, 0, 0])
        layer.parameter(named: "bias_ih_l0")!.value = Tensor([10, -10, 1, 10])
        layer.parameter(named: "bias_hh_l0")!.value = Tensor([0, 0, 0, 0])
        let cells = layer.internals(Tensor(zeros: [1, 20, 1]))[0].cells!
        // i ≈ 1, z = tanh(1): the cell gains tanh(1) per step, ignoring the forget bias of −10.
        #expect(abs(cells[0, 19, 0] - 20 * Float(0.7615942)) < 1e-2)
        // The removed gate stands at 1 in the trace, and reading it by name is refused.
        let gates = layer.internals(Tensor(zeros: [1, 1, 1]))[0].stackedGates
        #expect(gates[0, 0, 1] == 1)
        #expect(!layer.kind.gates.contains(.forget))
    }

    @Test func setForgetGateBiasWorksOnEveryLSTMAndOnlyThere() {
        var generator = RandomGenerator(seed: 66)
        let layer = VariantLSTM(inputSize: 2, hiddenSize: 3, structure: .peephole, generator: &generator)
        layer.setForgetGateBias(2)
        #expect(Array(layer.parameter(named: "bias_ih_l0")!.value.scalars[3..<6]) == [2, 2, 2])
        #expect(Array(layer.parameter(named: "bias_hh_l0")!.value.scalars[3..<6]) == [0, 0, 0])
    }
}
