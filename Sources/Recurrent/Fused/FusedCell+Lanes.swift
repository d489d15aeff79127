/// How a cell's lane functions cover a step: for each sequence, units eight at a time
/// (`Lanes8`) and the remainder one at a time (`Lanes1`), with the same arithmetic, so a
/// unit's result does not depend on the hidden size or on which path computed it.
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
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: start) { j, wide in
                if wide { forwardLanes(Lanes8.self, unit: j, row) } else { forwardLanes(Lanes1.self, unit: j, row) }
            }
        }
    }

    /// Units `start ..< size` of every active sequence's backward step.
    @inline(__always)
    func backwardUnits(_ step: FusedBackwardStep, from start: Int) {
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: start) { j, wide in
                if wide { backwardLanes(Lanes8.self, unit: j, row) } else { backwardLanes(Lanes1.self, unit: j, row) }
            }
        }
    }

    /// Calls `body(j, true)` for units `j ..< j + 8` while eight remain before `size`, then
    /// `body(j, false)` for each unit left.
    @inline(__always)
    static func forEachLaneGroup(size: Int, from start: Int, _ body: (_ j: Int, _ wide: Bool) -> Void) {
        let vectorEnd = size - size % 8
        var j = start
        while j < vectorEnd {
            body(j, true)
            j += 8
        }
        while j < size {
            body(j, false)
            j += 1
        }
    }
}

extension FusedGatedStateCell {
    /// The gated-state part of a forward step, between its two products, for every sequence,
    /// active or not: the second product and the weight gradient read every row of `s`.
    func forwardGatedState(_ step: FusedForwardStep) {
        for b in 0..<step.rows {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: 0) { j, wide in
                if wide { gatedStateForwardLanes(Lanes8.self, unit: j, row) } else { gatedStateForwardLanes(Lanes1.self, unit: j, row) }
            }
        }
    }

    /// The gated-state part of a backward step, for every active sequence.
    func backwardGatedState(_ step: FusedBackwardStep) {
        for b in 0..<step.rows where step.isActive(b) {
            let row = step.row(b)
            Self.forEachLaneGroup(size: step.size, from: 0) { j, wide in
                if wide { gatedStateBackwardLanes(Lanes8.self, unit: j, row) } else { gatedStateBackwardLanes(Lanes1.self, unit: j, row) }
            }
        }
    }
}
