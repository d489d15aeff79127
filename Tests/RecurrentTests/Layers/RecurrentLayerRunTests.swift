import Testing
@testable import Recurrent

@Suite struct RecurrentLayerRunTests {
    static func layers() -> [RecurrentLayer] {
        var generator = RandomGenerator(seed: 21)
        return [
            RNN(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator),
            GRU(inputSize: 3, hiddenSize: 4, generator: &generator),
            LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator),
            PeepholeLSTM(inputSize: 3, hiddenSize: 4, generator: &generator),
        ]
    }

    static func input(time: Int) -> Tensor {
        var generator = RandomGenerator(seed: 5)
        return Tensor.uniform([2, time, 3], -1, 1, generator: &generator)
    }

    /// Steps `range` of `[batch, time, features]`.
    static func steps(_ tensor: Tensor, _ range: Range<Int>) -> Tensor {
        let (batch, time, features) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        var scalars: [Float] = []
        for b in 0..<batch {
            for t in range {
                let start = (b * time + t) * features
                scalars += tensor.scalars[start..<(start + features)]
            }
        }
        return Tensor(shape: [batch, range.count, features], scalars: scalars)
    }

    @Test func runComputesWhatTheTypedCallComputes() {
        let x = Self.input(time: 6)
        for layer in Self.layers() {
            let (output, state) = layer.run(x)
            switch layer {
            case let rnn as RNN:
                let typed = rnn(x)
                #expect(output == typed.output && state.hidden == typed.state && state.cell == nil)
            case let gru as GRU:
                let typed = gru(x)
                #expect(output == typed.output && state.hidden == typed.state && state.cell == nil)
            case let lstm as LSTM:
                let typed = lstm(x)
                #expect(output == typed.output && state.hidden == typed.state.hidden && state.cell == typed.state.cell)
            case let peephole as PeepholeLSTM:
                let typed = peephole(x)
                #expect(output == typed.output && state.hidden == typed.state.hidden && state.cell == typed.state.cell)
            default:
                Issue.record("unexpected layer \(type(of: layer))")
            }
        }
    }

    /// Two chunks with the state carried over give the same outputs as one pass over both.
    @Test func carryingTheStateContinuesTheSequence() {
        let whole = Self.input(time: 7)
        let first = Self.steps(whole, 0..<3)
        let second = Self.steps(whole, 3..<7)
        for layer in Self.layers() {
            let once = layer.run(whole)
            let start = layer.run(first)
            let rest = layer.run(second, from: start.state)
            for t in 3..<7 {
                let difference = (once.output.step(t) - rest.output.step(t - 3)).scalars.map(abs).max()!
                #expect(difference < 1e-6, "\(layer.kind) step \(t)")
            }
            #expect((once.state.hidden - rest.state.hidden).scalars.map(abs).max()! < 1e-6)
            // Without the carried state the second chunk starts from zeros and differs.
            let fresh = layer.run(second)
            #expect(fresh.output != rest.output)
        }
    }

    @Test func detachedStateKeepsValuesAndDropsTheGraph() {
        let x = Variable(Self.input(time: 4), requiresGradient: true)
        for layer in Self.layers() {
            let state = layer.run(x).state
            let detached = state.detached()
            #expect(detached.hidden.value == state.hidden.value && detached.cell?.value == state.cell?.value)
            #expect(!detached.hidden.requiresGradient && detached.cell?.requiresGradient != true)
        }
    }
}
