import Testing
@testable import Recurrent

@Suite struct ParametersTests {
    @Test func parametersFollowTheNamedOrder() {
        var generator = RandomGenerator(seed: 93)
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &generator)
        let head = Linear(inputSize: 8, outputSize: 2, generator: &generator)
        let cell = PeepholeLSTMCell(inputSize: 3, hiddenSize: 4, variant: .coupledGates, generator: &generator)
        for container in [lstm, head, cell, cell.unrolled()] as [any ParameterContainer] {
            let named = container.namedParameters.map(\.parameter)
            #expect(container.parameters.count == named.count)
            #expect(zip(container.parameters, named).allSatisfy { $0 === $1 })
        }
    }

    @Test func severalContainersListTheirParametersInTurn() {
        var generator = RandomGenerator(seed: 94)
        let gru = GRU(inputSize: 3, hiddenSize: 4, generator: &generator)
        let head = Linear(inputSize: 4, outputSize: 2, generator: &generator)
        let together = [gru, head].parameters
        let separately = gru.parameters + head.parameters
        #expect(together.count == 6 && zip(together, separately).allSatisfy { $0 === $1 })
    }
}
