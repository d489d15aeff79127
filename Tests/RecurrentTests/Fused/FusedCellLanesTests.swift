import Testing
@testable import Recurrent

/// Every fused cell's lane functions keep the `Lanes` contract: eight units as one `Lanes8`
/// group give the same bits as the same units one `Lanes1` at a time, forward, backward and in
/// a gated-state cell's middle phase — so a unit's result never depends on the hidden size.
@Suite struct FusedCellLanesTests {
    static let kinds: [RecurrentCellKind] = [
        .rnnTanh, .rnnReLU, .lstm, .gru, .choGRU, .peepholeLSTM,
        .structuredLSTM(LSTMStructure(greff: .coupledGates)),
        .structuredLSTM(LSTMStructure(greff: .fullGateRecurrence)),
        .structuredLSTM(LSTMStructure(forgetGate: false, outputActivation: false)),
        .structuredLSTM(LSTMStructure(inputGate: false, outputGate: false, inputActivation: false, peepholes: true)),
    ]

    /// One sequence's buffers for eight units, every value random (gate values in (0, 1), as
    /// a forward step leaves them), so that each lane function reads defined values.
    final class Buffers {
        static let size = 8
        private var storage: [String: UnsafeMutableBufferPointer<Float>] = [:]

        init(gateCount: Int, seed: UInt64) {
            let (h, g) = (Self.size, gateCount * Self.size)
            var generator = RandomGenerator(seed: seed)
            let shapes: [(String, Int, ClosedRange<Float>)] = [
                ("projected", g, -3...3), ("recurrent", g, -3...3), ("previousHidden", h, -1...1),
                ("previousCell", h, -2...2), ("hidden", h, -1...1), ("cell", h, -1...1), ("gates", g, 0.02...0.98),
                ("extra", h, -1...1), ("peephole", 3 * h, -1...1), ("newCell", h, -2...2),
                ("hiddenGradient", h, -1...1), ("cellGradient", h, -1...1), ("projectedGradient", g, -1...1),
                ("recurrentGradient", g, -1...1), ("peepholeGradient", 3 * h, -1...1), ("gateValueGradient", 3 * h, -1...1),
                ("gatedStateGradient", h, -1...1),
            ]
            for (name, count, range) in shapes {
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
                for i in 0..<count { buffer[i] = generator.uniform(range.lowerBound, range.upperBound) }
                storage[name] = buffer
            }
        }

        deinit { storage.values.forEach { $0.deallocate() } }

        subscript(_ name: String) -> UnsafeMutablePointer<Float> { storage[name]!.baseAddress! }

        /// Every buffer's bit patterns, by name.
        var bits: [String: [UInt32]] { storage.mapValues { $0.map(\.bitPattern) } }

        var forwardRow: FusedForwardRow {
            FusedForwardRow(
                size: Self.size, projected: self["projected"], recurrent: self["recurrent"],
                previousHidden: self["previousHidden"], previousCell: self["previousCell"], hidden: self["hidden"],
                cell: self["cell"], gates: self["gates"], extra: self["extra"], peephole: self["peephole"])
        }

        func backwardRow(gateRecurrence: Bool) -> FusedBackwardRow {
            FusedBackwardRow(
                size: Self.size, gates: self["gates"], extra: self["extra"], previousHidden: self["previousHidden"],
                previousCell: self["previousCell"], newCell: self["newCell"], hiddenGradient: self["hiddenGradient"],
                cellGradient: self["cellGradient"], projectedGradient: self["projectedGradient"],
                recurrentGradient: self["recurrentGradient"], peephole: self["peephole"],
                peepholeGradient: self["peepholeGradient"],
                gateValueGradient: gateRecurrence ? UnsafePointer(self["gateValueGradient"]) : nil,
                gatedStateGradient: self["gatedStateGradient"])
        }
    }

    /// Runs `body` on two identical sets of buffers, once eight-wide and once a unit at a
    /// time, and expects the same bits everywhere.
    static func expectSameBits(
        _ kind: RecurrentCellKind, _ phase: String, _ body: (Buffers, _ wide: Bool) -> Void
    ) {
        let gateCount = kind.fusedCell.gateCount
        let (wide, narrow) = (Buffers(gateCount: gateCount, seed: 7), Buffers(gateCount: gateCount, seed: 7))
        body(wide, true)
        body(narrow, false)
        let (a, b) = (wide.bits, narrow.bits)
        for name in a.keys.sorted() {
            let differing = zip(a[name]!, b[name]!).filter { $0 != $1 }.count
            #expect(differing == 0, "\(kind) \(phase): \(differing) values of \(name) differ")
        }
    }

    @Test(arguments: kinds)
    func eightLanesGiveTheBitsOfOneAtATime(_ kind: RecurrentCellKind) {
        let cell = kind.fusedCell
        Self.expectSameBits(kind, "forward") { buffers, wide in
            if wide {
                cell.forwardLanes(Lanes8.self, unit: 0, buffers.forwardRow)
            } else {
                for j in 0..<Buffers.size { cell.forwardLanes(Lanes1.self, unit: j, buffers.forwardRow) }
            }
        }
        Self.expectSameBits(kind, "backward") { buffers, wide in
            let row = buffers.backwardRow(gateRecurrence: cell.hasGateRecurrence)
            if wide {
                cell.backwardLanes(Lanes8.self, unit: 0, row)
            } else {
                for j in 0..<Buffers.size { cell.backwardLanes(Lanes1.self, unit: j, row) }
            }
        }
        guard case .gatedState(let gatedCell) = cell.stepProducts else { return }
        Self.expectSameBits(kind, "gated-state forward") { buffers, wide in
            if wide {
                gatedCell.gatedStateForwardLanes(Lanes8.self, unit: 0, buffers.forwardRow)
            } else {
                for j in 0..<Buffers.size { gatedCell.gatedStateForwardLanes(Lanes1.self, unit: j, buffers.forwardRow) }
            }
        }
        Self.expectSameBits(kind, "gated-state backward") { buffers, wide in
            let row = buffers.backwardRow(gateRecurrence: false)
            if wide {
                gatedCell.gatedStateBackwardLanes(Lanes8.self, unit: 0, row)
            } else {
                for j in 0..<Buffers.size { gatedCell.gatedStateBackwardLanes(Lanes1.self, unit: j, row) }
            }
        }
    }

    /// What each description states about its kind matches the layer's parameters, and a
    /// gated-state cell keeps its gated state in its trace.
    @Test(arguments: kinds)
    func descriptionsAgreeWithTheParameters(_ kind: RecurrentCellKind) {
        let cell = kind.fusedCell
        var generator = RandomGenerator(seed: 3)
        let stack = RecurrentStack(
            kind: kind, inputSize: 2, hiddenSize: 5, layerCount: 1, bias: true, bidirectional: false, generator: &generator)
        let shapes = Dictionary(uniqueKeysWithValues: stack.namedParameters.map { ($0.name, $0.parameter.value.shape) })
        #expect(shapes["weight_hh_l0"] == [cell.gateCount * 5, 5])
        #expect((shapes["weight_peephole_l0"] != nil) == cell.hasPeepholes)
        #expect((shapes["weight_gates_l0"] != nil) == cell.hasGateRecurrence)
        #expect(cell.hasCellState == kind.hasCellState)
        #expect(cell.stateGateCount >= 1 && cell.stateGateCount <= cell.gateCount)
        if case .gatedState(let gatedCell) = cell.stepProducts {
            #expect(gatedCell.leadingGateCount < cell.gateCount)
            #expect(cell.extraCount >= 1, "the gated state lives in the extra trace")
        }
    }
}
