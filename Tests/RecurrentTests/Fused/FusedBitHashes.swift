import CEngineSupport
import Foundation
import Testing
@testable import Recurrent

/// A tool for refactoring the fused path, not a check by itself: with `FUSED_BIT_HASHES` set to
/// a file path, runs every fused cell kind forward and backward over a grid of sizes, layer
/// set-ups, padded or full batches, 8- or 16-wide kernels (16 where the processor has AVX-512)
/// and one or two threads, and writes one line per run: the configuration and an FNV-1a hash
/// of the bit patterns of the output, the final states, and the gradients of the input, the
/// initial states and every parameter.
///
/// Written before and after a change that must not move any result, the two files must be
/// identical (`diff`); the kernels promise the same bits whatever the width or thread count,
/// so runs differing only in those must also hash alike.
///
///     FUSED_BIT_HASHES=/tmp/before.txt swift test --skip-build --filter FusedBitHashes
@Suite struct FusedBitHashes {
    static let path = ProcessInfo.processInfo.environment["FUSED_BIT_HASHES"]

    /// Every kind, and LSTM structures that take each branch of the structured step.
    static let kinds: [(name: String, kind: RecurrentCellKind)] = [
        ("rnnTanh", .rnnTanh), ("rnnReLU", .rnnReLU), ("lstm", .lstm), ("gru", .gru), ("choGRU", .choGRU),
        ("peepholeLSTM", .peepholeLSTM),
        ("coupledGates", .structuredLSTM(LSTMStructure(greff: .coupledGates))),
        ("noForgetGate", .structuredLSTM(LSTMStructure(forgetGate: false))),
        ("gateRecurrence", .structuredLSTM(LSTMStructure(greff: .fullGateRecurrence))),
        ("noInputGateNoOutputActivation", .structuredLSTM(LSTMStructure(inputGate: false, outputActivation: false))),
        ("noOutputGateNoInputActivationPeepholes",
         .structuredLSTM(LSTMStructure(outputGate: false, inputActivation: false, peepholes: true))),
    ]

    /// Layers, directions, bias and input width (5 takes the thin input-weight gradient, 11
    /// the general product; a second layer reads `2H` features).
    struct Setup {
        let layers: Int, bidirectional: Bool, bias: Bool, inputSize: Int, batch: Int, time: Int
        var name: String { "L\(layers)\(bidirectional ? "bi" : "uni")\(bias ? "" : "-nobias")-in\(inputSize)-b\(batch)t\(time)" }
    }

    static let setups = [
        Setup(layers: 1, bidirectional: false, bias: true, inputSize: 5, batch: 4, time: 10),
        Setup(layers: 1, bidirectional: true, bias: false, inputSize: 11, batch: 4, time: 10),
        Setup(layers: 2, bidirectional: true, bias: true, inputSize: 5, batch: 4, time: 10),
    ]

    /// Large enough that the weight-gradient products are split between two threads.
    static let threadedSetup = Setup(layers: 1, bidirectional: true, bias: true, inputSize: 5, batch: 48, time: 9)

    @Test(.enabled(if: path != nil, "set FUSED_BIT_HASHES to a file path"))
    func writeHashes() throws {
        let (savedWide, savedThreads) = (Engine.usesWideVectors, Engine.threadCount)
        defer { (Engine.usesWideVectors, Engine.threadCount) = (savedWide, savedThreads) }
        var lines: [String] = []
        var runs: [(Setup, Int)] = []
        for size in [3, 8, 27, 40, 130] { for setup in Self.setups { runs.append((setup, size)) } }
        runs.append((Self.threadedSetup, 130))
        for (name, kind) in Self.kinds {
            for (setup, size) in runs {
                for padded in [false, true] where !(padded && kind.hasGateRecurrenceForHashes) {
                    // The 16-wide kernels only where the processor has AVX-512 (they would stop on an illegal instruction).
                    for wide in cpu_features_has_avx512() != 0 ? [false, true] : [false] {
                        for threads in [1, 2] {
                            Engine.usesWideVectors = wide
                            Engine.threadCount = threads
                            let hash = Self.hash(kind, setup: setup, size: size, padded: padded)
                            lines.append("\(name) h\(size) \(setup.name) \(padded ? "lengths" : "full") "
                                         + "\(wide ? "wide" : "narrow") threads\(threads) \(String(hash, radix: 16))")
                        }
                    }
                }
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: Self.path!, atomically: true, encoding: .utf8)
    }

    /// One forward and backward pass, hashed.
    static func hash(_ kind: RecurrentCellKind, setup: Setup, size: Int, padded: Bool) -> UInt64 {
        var generator = RandomGenerator(seed: 1009)
        let stack = RecurrentStack(
            kind: kind, inputSize: setup.inputSize, hiddenSize: size, layerCount: setup.layers, bias: setup.bias,
            bidirectional: setup.bidirectional, generator: &generator)
        let (batch, time) = (setup.batch, setup.time)
        let stateShape = stack.stateShape(batch: batch)
        // Inputs large enough to drive some gates into the clamped range of tanh.
        let input = Variable(randomTensor([batch, time, setup.inputSize], seed: 1010, range: 4), requiresGradient: true)
        let hidden = Variable(randomTensor(stateShape, seed: 1011), requiresGradient: true)
        let cell = kind.hasCellState ? Variable(randomTensor(stateShape, seed: 1012), requiresGradient: true) : nil
        // Full, shorter, empty and one-step sequences.
        let lengths = padded ? (0..<batch).map { [time, time - 3, 0, 1][$0 % 4] } : nil
        let result = stack.forward(input, initialHidden: hidden, initialCell: cell, lengths: lengths)
        var loss = (result.output * Variable(randomTensor(result.output.shape, seed: 1013))).sum()
        loss = loss + (result.hidden * Variable(randomTensor(stateShape, seed: 1014))).sum()
        if let finalCell = result.cell { loss = loss + (finalCell * finalCell).sum() }
        loss.backward()
        var tensors = [result.output.value, result.hidden.value]
        if let finalCell = result.cell { tensors.append(finalCell.value) }
        tensors += [input.gradient!, hidden.gradient!]
        if let cell { tensors.append(cell.gradient!) }
        tensors += stack.namedParameters.map(\.parameter.gradient)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for tensor in tensors {
            for value in tensor.scalars {
                hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
            }
        }
        return hash
    }
}

private extension RecurrentCellKind {
    /// Full gate recurrence takes no lengths (kept here so the tool reads no internal predicate
    /// a refactor may move).
    var hasGateRecurrenceForHashes: Bool {
        if case .structuredLSTM(let structure) = self { return structure.gateRecurrence }
        return false
    }
}
