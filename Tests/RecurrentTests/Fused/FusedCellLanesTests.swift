import Testing
@testable import Recurrent

/// Every fused cell's lane functions keep the `Lanes` contract: sixteen units as one `Lanes16`
/// group, as two `Lanes8` groups and one `Lanes1` at a time give the same bits, forward,
/// backward and in a gated-state cell's middle phase — so a unit's result never depends on the
/// hidden size.
@Suite struct FusedCellLanesTests {
    static let kinds: [RecurrentCellKind] = [
        .rnnTanh, .rnnReLU, .lstm, .gru, .choGRU, .peepholeLSTM,
        .structuredLSTM(LSTMStructure(greff: .coupledGates)),
        .structuredLSTM(LSTMStructure(greff: .fullGateRecurrence)),
        .structuredLSTM(LSTMStructure(forgetGate: false, outputActivation: false)),
        .structuredLSTM(LSTMStructure(inputGate: false, outputGate: false, inputActivation: false, peepholes: true)),
    ]

    /// One sequence's buffers for sixteen units, every value random (gate values in (0, 1), as
    /// a forward step leaves them), so that each lane function reads defined values.
    final class Buffers {
        static let size = 16
        private var storage: [String: UnsafeMutableBufferPointer<Float>] = [:]

        /// - Parameter special: whether some projected inputs and incoming state gradients are
        ///   NaN, ±∞ or −0 (as in a run that diverges), in lanes of both halves of the sixteen.
        init(gateCount: Int, seed: UInt64, special: Bool) {
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
            guard special else { return }
            let values: [Float] = [.nan, -0.0, .infinity, -.infinity, .nan, -0.0]
            for (value, unit) in zip(values, [1, 6, 9, 12, 14, 3]) {
                for block in 0..<gateCount { storage["projected"]![block * h + unit] = value }
                storage["hiddenGradient"]![unit] = value
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

    /// Runs `body` on three identical sets of buffers, once for each lane group, and expects
    /// the bits of the sixteen-wide run everywhere.
    static func expectSameBits(
        _ kind: RecurrentCellKind, _ phase: String, special: Bool, _ body: (Buffers, LaneGroup) -> Void
    ) {
        let gateCount = kind.fusedCell.gateCount
        var bits: [LaneGroup: [String: [UInt32]]] = [:]
        for group in [LaneGroup.sixteen, .eight, .one] {
            let buffers = Buffers(gateCount: gateCount, seed: 7, special: special)
            body(buffers, group)
            bits[group] = buffers.bits
        }
        let expected = bits[.sixteen]!
        for group in [LaneGroup.eight, .one] {
            for name in expected.keys.sorted() {
                let differing = zip(expected[name]!, bits[group]![name]!).filter { $0 != $1 }.count
                #expect(differing == 0, "\(kind) \(phase)\(special ? " with NaN, ±∞ and −0" : ""): \(differing) values of \(name) differ between \(group) and sixteen lanes")
            }
        }
    }

    /// Calls the lane function for `group` on every unit of the buffers: `sixteen` once,
    /// `eight` twice, `one` sixteen times.
    static func cover(
        _ group: LaneGroup, sixteen: (Int) -> Void, eight: (Int) -> Void, one: (Int) -> Void
    ) {
        switch group {
        case .sixteen: sixteen(0)
        case .eight: for j in stride(from: 0, to: Buffers.size, by: 8) { eight(j) }
        case .one: for j in 0..<Buffers.size { one(j) }
        }
    }

    @Test(arguments: kinds, [false, true])
    func everyLaneGroupGivesTheSameBits(_ kind: RecurrentCellKind, special: Bool) {
        let cell = kind.fusedCell
        Self.expectSameBits(kind, "forward", special: special) { buffers, group in
            let row = buffers.forwardRow
            Self.cover(group, sixteen: { cell.forwardLanes(Lanes16.self, unit: $0, row) },
                       eight: { cell.forwardLanes(Lanes8.self, unit: $0, row) },
                       one: { cell.forwardLanes(Lanes1.self, unit: $0, row) })
        }
        Self.expectSameBits(kind, "backward", special: special) { buffers, group in
            let row = buffers.backwardRow(gateRecurrence: cell.hasGateRecurrence)
            Self.cover(group, sixteen: { cell.backwardLanes(Lanes16.self, unit: $0, row) },
                       eight: { cell.backwardLanes(Lanes8.self, unit: $0, row) },
                       one: { cell.backwardLanes(Lanes1.self, unit: $0, row) })
        }
        guard case .gatedState(let gatedCell) = cell.stepProducts else { return }
        Self.expectSameBits(kind, "gated-state forward", special: special) { buffers, group in
            let row = buffers.forwardRow
            Self.cover(group, sixteen: { gatedCell.gatedStateForwardLanes(Lanes16.self, unit: $0, row) },
                       eight: { gatedCell.gatedStateForwardLanes(Lanes8.self, unit: $0, row) },
                       one: { gatedCell.gatedStateForwardLanes(Lanes1.self, unit: $0, row) })
        }
        Self.expectSameBits(kind, "gated-state backward", special: special) { buffers, group in
            let row = buffers.backwardRow(gateRecurrence: false)
            Self.cover(group, sixteen: { gatedCell.gatedStateBackwardLanes(Lanes16.self, unit: $0, row) },
                       eight: { gatedCell.gatedStateBackwardLanes(Lanes8.self, unit: $0, row) },
                       one: { gatedCell.gatedStateBackwardLanes(Lanes1.self, unit: $0, row) })
        }
    }

    /// Every unit from `start` to `size` is in exactly one group, in order: groups of sixteen,
    /// then at most one of eight, then fewer than eight single units.
    @Test func laneGroupsCoverEveryUnitOnceWidestFirst() {
        for size in 0...70 {
            for start in stride(from: 0, through: size, by: 16) {
                var groups: [(unit: Int, group: LaneGroup)] = []
                FusedLSTMCell.forEachLaneGroup(size: size, from: start) { groups.append(($0, $1)) }
                var next = start
                for (unit, group) in groups {
                    #expect(unit == next, "size \(size) from \(start): a group starts at \(unit), not \(next)")
                    next += group.width
                }
                #expect(next == size, "size \(size) from \(start): groups end at \(next)")
                let widths = groups.map(\.group.width)
                #expect(widths == widths.sorted(by: >), "size \(size) from \(start): \(widths)")
                #expect(widths.filter { $0 == 8 }.count <= 1 && widths.filter { $0 == 1 }.count < 8,
                        "size \(size) from \(start): \(widths)")
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
