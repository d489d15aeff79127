import Foundation
@testable import Recurrent
import Testing

/// Results do not depend on the number of threads: a recurrent pass split by sequences
/// between threads (`WorkerTeam`), and its weight gradients split by rows, give the same bits
/// as one thread — every output, final state and gradient.
@Suite struct ThreadCountTests {
    /// Batches that split evenly (16) and unevenly, with a partial kernel panel (20), full
    /// and in sequences of different lengths, both directions; every kind, peepholes and gate
    /// recurrence included (they run as one part in the backward pass). Inputs of 5 take the
    /// thin input-weight gradient, 11 the general product.
    static let batches = [16, 20]

    @Test(arguments: FusedBitHashes.kinds.map(\.name))
    func twoThreadsGiveTheBitsOfOne(kindName: String) {
        let kind = FusedBitHashes.kinds.first { $0.name == kindName }!.kind
        for wide in VectorWidth.available {
            for batch in Self.batches {
                for padded in [false, true] where !(padded && !kind.takesLengths) {
                    let setup = FusedBitHashes.Setup(
                        layers: 1, bidirectional: true, bias: true, inputSize: batch == 20 ? 11 : 5, batch: batch, time: 10)
                    let hashes = [1, 2].map { threads in
                        VectorWidth.with(wide: wide) {
                            ThreadCount.with(threads, splittingEveryPass: true) {
                                FusedBitHashes.hash(kind, setup: setup, size: 27, padded: padded)
                            }
                        }
                    }
                    #expect(hashes[0] == hashes[1], "\(kindName) batch \(batch) \(padded ? "lengths" : "full") wide \(wide)")
                }
            }
        }
    }

    /// A matrix product above the split threshold gives the bits of one thread, split by row
    /// panels (taller than wide) or by column tiles (wider than tall), at sizes with partial
    /// tiles and panels. Each packs its right operand in two parts (by tiles, each part its
    /// own panels); the last two copy their left operand into panels in each thread (16-wide,
    /// and 8-wide with rows 4 KiB apart).
    @Test(arguments: [(97, 300, 83), (20, 400, 300), (20, 1100, 1000), (200, 300, 400), (100, 1024, 100)])
    func aSplitMatrixProductGivesTheBitsOfOne(rows: Int, depth: Int, columns: Int) {
        let a = randomTensor([rows, depth], seed: 5)
        let b = randomTensor([depth, columns], seed: 6)
        #expect(rows * depth * columns >= MatrixProduct.splitThreshold)
        for wide in VectorWidth.available {
            let products = [1, 2].map { threads in
                VectorWidth.with(wide: wide) { ThreadCount.with(threads) { a.matmul(b).scalars.map(\.bitPattern) } }
            }
            #expect(products[0] == products[1], "wide \(wide)")
        }
    }
}

extension ThreadCountTests {
    /// Adam's update, shared out in slices of a large parameter, gives the bits of one thread.
    @Test func adamGivesTheBitsOfOne() {
        let values = [1, 2].map { threads in
            ThreadCount.with(threads) {
                let parameter = Parameter(randomTensor([300, 401], seed: 7))
                let optimizer = Adam(parameters: [parameter], learningRate: 0.01)
                for step in 0..<3 {
                    parameter.gradient = randomTensor([300, 401], seed: 8 + UInt64(step))
                    optimizer.step()
                }
                return parameter.value.scalars.map(\.bitPattern)
            }
        }
        #expect(values[0] == values[1])
    }
}

private extension RecurrentCellKind {
    /// Full gate recurrence takes no lengths.
    var takesLengths: Bool {
        if case .structuredLSTM(let structure) = self { return !structure.gateRecurrence }
        return true
    }
}
