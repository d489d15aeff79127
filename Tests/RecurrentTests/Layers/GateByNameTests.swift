import Foundation
import Testing
@testable import Recurrent

/// `internals(x)[k].gate(.name)` is the block of the traced gates the kind stacks under that name.
@Suite struct GateByNameTests {
    /// Columns `block * size ..< (block + 1) * size` of `[batch, time, width]`.
    static func columns(_ tensor: Tensor, block: Int, size: Int) -> Tensor {
        let (batch, time, width) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        var scalars: [Float] = []
        for row in 0..<(batch * time) { scalars += tensor.scalars[(row * width + block * size)..<(row * width + (block + 1) * size)] }
        return Tensor(shape: [batch, time, size], scalars: scalars)
    }

    static let lstmOrder: [Gate] = [.input, .forget, .candidate, .output]
    static let gruOrder: [Gate] = [.reset, .update, .candidate]

    static let cases: [(RecurrentCellKind, [Gate])] = [
        (.lstm, lstmOrder), (.peepholeLSTM, lstmOrder), (.gru, gruOrder), (.choGRU, gruOrder),
        (.structuredLSTM(LSTMStructure(greff: .coupledGates)), lstmOrder),
        (.structuredLSTM(LSTMStructure(greff: .noOutputGate)), [.input, .forget, .candidate]),
    ]

    @Test(arguments: cases)
    func gatesByNameAreTheirStackedColumns(_ kind: RecurrentCellKind, _ gates: [Gate]) {
        var generator = RandomGenerator(seed: 96)
        let layer = RecurrentLayer.make(kind, inputSize: 3, hiddenSize: 4, bidirectional: true, generator: &generator)
        #expect(kind.gates == gates)
        let internals = layer.internals(randomTensor([2, 5, 3], seed: 97))
        #expect(internals.count == 2)
        for inside in internals {
            for gate in gates {
                let block = (kind.gateCount == 4 ? Self.lstmOrder : Self.gruOrder).firstIndex(of: gate)!
                #expect(inside.gate(gate) == Self.columns(inside.stackedGates, block: block, size: 4), "\(kind) \(gate)")
            }
            #expect((inside.cells != nil) == kind.hasCellState)
        }
    }

    /// The names mean the equations: at the first step from a zero state an LSTM's forget gate
    /// is σ(W_if x + b_if + b_hf), and a GRU's update gate σ(W_iz x + b_iz + b_hz).
    @Test func namesMatchTheEquations() {
        var generator = RandomGenerator(seed: 98)
        let x = randomTensor([1, 1, 3], seed: 99)
        for (kind, gate) in [(RecurrentCellKind.lstm, Gate.forget), (.gru, .update)] {
            let layer = RecurrentLayer.make(kind, inputSize: 3, hiddenSize: 2, generator: &generator)
            let (weights, inputBias, hiddenBias) = (layer.parameter(named: "weight_ih_l0")!.value,
                                                   layer.parameter(named: "bias_ih_l0")!.value, layer.parameter(named: "bias_hh_l0")!.value)
            let value = layer.internals(x)[0].gate(gate)
            for j in 0..<2 {
                let row = 2 + j   // the second block of rows in both kinds
                var pre = inputBias[row] + hiddenBias[row]
                for k in 0..<3 { pre += weights[row, k] * x[0, 0, k] }
                #expect(abs(value[0, 0, j] - 1 / (1 + Foundation.exp(-pre))) < 1e-5, "\(kind) \(gate)")
            }
        }
    }

    @Test func missingGatesAreNamedInTheMessage() {
        #expect(RecurrentCellKind.rnnTanh.gates.isEmpty && RecurrentCellKind.rnnReLU.gates.isEmpty)
        #expect(RecurrentCellKind.lstm.missingGateMessage(.forget) == nil)
        #expect(RecurrentCellKind.lstm.missingGateMessage(.reset) == "LSTM has no reset gate; its gates are input gate, forget gate, candidate, output gate")
        #expect(RecurrentCellKind.gru.missingGateMessage(.forget) == "GRU has no forget gate; its gates are reset gate, update gate, candidate")
        #expect(RecurrentCellKind.rnnTanh.missingGateMessage(.candidate)?.hasPrefix("RNN has no gates") == true)
        let noForget = RecurrentCellKind.structuredLSTM(LSTMStructure(greff: .noForgetGate))
        #expect(noForget.missingGateMessage(.forget) == "the forget gate of this LSTM with peepholes, without forget gate is removed: f = 1 at every step")
        #expect(noForget.missingGateMessage(.input) == nil)
    }

    @Test func readingAGateTheKindLacksStops() async {
        await #expect(processExitsWith: .failure) {
            var generator = RandomGenerator(seed: 100)
            let lstm = LSTM(inputSize: 1, hiddenSize: 1, generator: &generator)
            _ = lstm.internals(Tensor(zeros: [1, 1, 1]))[0].gate(.reset)
        }
    }

    @Test func setGateBiasSetsTheGatesRowsInEveryLayer() {
        var generator = RandomGenerator(seed: 101)
        let gru = GRU(inputSize: 2, hiddenSize: 3, layerCount: 2, generator: &generator)
        gru.setGateBias(.update, to: 3)
        for (name, parameter) in gru.namedParameters where name.hasPrefix("bias_") {
            #expect(Array(parameter.value.scalars[3..<6]) == (name.hasPrefix("bias_ih") ? [3, 3, 3] : [0, 0, 0]), "\(name)")
        }
        #expect(gru.rows(of: .reset) == 0..<3 && gru.rows(of: .update) == 3..<6 && gru.rows(of: .candidate) == 6..<9)
        let lstm = LSTM(inputSize: 2, hiddenSize: 3, generator: &generator)
        #expect(lstm.rows(of: .forget) == 3..<6 && lstm.rows(of: .output) == 9..<12)
        let same = LSTM(inputSize: 2, hiddenSize: 3, generator: &generator)
        for (target, source) in zip(same.parameters, lstm.parameters) { target.value = source.value }
        lstm.setGateBias(.forget, to: 1)
        same.setForgetGateBias(1)
        #expect(lstm.parameters.map(\.value) == same.parameters.map(\.value))
    }
}
