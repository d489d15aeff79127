import CEngineSupport

/// How a cell's lane functions cover a step: for each sequence, units sixteen at a time
/// (`Lanes16`), then eight (`Lanes8`), then the remainder one at a time (`Lanes1`), with the
/// same arithmetic, so a unit's result does not depend on the hidden size or on which path
/// computed it.
///
/// These are generic over the conforming type, so each cell's witnesses run a copy
/// specialised for it, with its lane functions inlined: one dynamic call per step.
extension FusedCell {
    func forward(_ step: FusedForwardStep) {
        forwardUnits(step, from: 0)
    }

    func backward(_ step: FusedBackwardStep) {
        backwardUnits(step, from: 0)
    }

    /// Units `start ..< size` of every active sequence's forward step.
    @inline(__always)
    func forwardUnits(_ step: FusedForwardStep, from start: Int) {
        let fetchesAhead = step.nextStepRows > 0
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            // The same sequence's rows in the next step, which it will write.
            let next = step.row(b + step.nextStepRows)
            Self.forEachLaneGroup(size: step.size, from: start) { j, group in
                if fetchesAhead && j % 16 == 0 { prefetchForWriting(next, unit: j) }
                switch group {
                case .sixteen: forwardLanes(Lanes16.self, unit: j, row)
                case .eight: forwardLanes(Lanes8.self, unit: j, row)
                case .one: forwardLanes(Lanes1.self, unit: j, row)
                }
            }
        }
    }

    /// Units `start ..< size` of every active sequence's backward step.
    @inline(__always)
    func backwardUnits(_ step: FusedBackwardStep, from start: Int) {
        let fetchesAhead = step.previousStepRows > 0
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            // The same sequence's trace rows in the step before, which the backward pass reads next.
            let previous = step.row(b - step.previousStepRows)
            Self.forEachLaneGroup(size: step.size, from: start) { j, group in
                if fetchesAhead && j % 16 == 0 { prefetchForReading(previous, unit: j) }
                switch group {
                case .sixteen: backwardLanes(Lanes16.self, unit: j, row)
                case .eight: backwardLanes(Lanes8.self, unit: j, row)
                case .one: backwardLanes(Lanes1.self, unit: j, row)
                }
            }
        }
    }

    /// Asks the cache for the line holding unit `j` of each vector a forward step writes in
    /// `row`: every gate block, every extra block, the state and (cells with one) the cell.
    @inline(__always)
    func prefetchForWriting(_ row: FusedForwardRow, unit j: Int) {
        for block in 0..<gateCount { engine_prefetch_for_writing(row.gates + block * row.size + j) }
        for block in 0..<extraCount { engine_prefetch_for_writing(row.extra + block * row.size + j) }
        engine_prefetch_for_writing(row.hidden + j)
        if hasCellState { engine_prefetch_for_writing(row.cell + j) }
    }

    /// Asks the cache for the line holding unit `j` of each trace vector a backward step
    /// reads in `row`: every gate block, every extra block, the previous state and cell.
    @inline(__always)
    func prefetchForReading(_ row: FusedBackwardRow, unit j: Int) {
        for block in 0..<gateCount { engine_prefetch(row.gates + block * row.size + j) }
        for block in 0..<extraCount { engine_prefetch(row.extra + block * row.size + j) }
        engine_prefetch(row.previousHidden + j)
        if hasCellState { engine_prefetch(row.previousCell + j) }
    }

    /// Calls `body(j, .sixteen)` for units `j ..< j + 16` while sixteen remain before `size`,
    /// then `body(j, .eight)` if eight do, then `body(j, .one)` for each unit left.
    ///
    /// Sixteen lanes are two 8-wide vectors on x86-64 (see `Lanes16`). The gate arithmetic of
    /// one group is a long chain of dependent operations (tanh's polynomial and its division),
    /// and with two halves in one instruction stream the processor can overlap two chains
    /// (that this is why it helps is a guess). Measured on an AMD EPYC Zen 3, alternating in
    /// one process against two 8-wide groups called one after the other, two launches each:
    /// training steps faster by the median by 1.5% (LSTM h128), 1.0–1.5% (GRU h128) and
    /// 3.5–4.2% (LSTM h32), by the fastest tenth of steps 1.0–4.4%.
    @inline(__always)
    static func forEachLaneGroup(size: Int, from start: Int, _ body: (_ j: Int, _ group: LaneGroup) -> Void) {
        var j = start
        while j + 16 <= size {
            body(j, .sixteen)
            j += 16
        }
        if j + 8 <= size {
            body(j, .eight)
            j += 8
        }
        while j < size {
            body(j, .one)
            j += 1
        }
    }
}

/// How many units one call of a lane function computes.
enum LaneGroup {
    case sixteen, eight, one

    var width: Int {
        switch self {
        case .sixteen: 16
        case .eight: 8
        case .one: 1
        }
    }
}

extension FusedGatedStateCell {
    /// The gated-state part of a forward step, between its two products, for every sequence,
    /// active or not: the second product and the weight gradient read every row of `s`.
    func forwardGatedState(_ step: FusedForwardStep) {
        for b in 0..<step.rows {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: 0) { j, group in
                switch group {
                case .sixteen: gatedStateForwardLanes(Lanes16.self, unit: j, row)
                case .eight: gatedStateForwardLanes(Lanes8.self, unit: j, row)
                case .one: gatedStateForwardLanes(Lanes1.self, unit: j, row)
                }
            }
        }
    }

    /// The gated-state part of a backward step, for every active sequence.
    func backwardGatedState(_ step: FusedBackwardStep) {
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: 0) { j, group in
                switch group {
                case .sixteen: gatedStateBackwardLanes(Lanes16.self, unit: j, row)
                case .eight: gatedStateBackwardLanes(Lanes8.self, unit: j, row)
                case .one: gatedStateBackwardLanes(Lanes1.self, unit: j, row)
                }
            }
        }
    }
}
