/// The fused layers' rule for sequences padded at the end, applied to a cell unrolled over
/// the whole batch: a sequence's outputs past its length are zeros, and its final state is
/// the one after its own last step.
///
/// The cell runs every row for as many steps as the longest sequence; rows are independent,
/// so what a row computes past its length changes nothing else, and masking its outputs and
/// picking its state give exactly what stopping it would, gradients included.
struct PaddedSteps {
    /// Each sequence's length, in `0...time`.
    let lengths: [Int]
    let time: Int

    /// The step outputs (`[batch, width]` each, one per step run) stacked to
    /// `[batch, time, width]`, zeros past each sequence's length.
    func output(_ steps: [Variable], width: Int, batch: Int) -> Variable {
        let padding = Variable(Tensor(zeros: [batch, width]))
        let stacked = stack(steps: steps + Array(repeating: padding, count: time - steps.count))
        // Steps past the longest sequence are padding already; shorter ones need the mask.
        guard lengths.contains(where: { $0 < steps.count }) else { return stacked }
        var mask = Tensor(zeros: [batch, time, width])
        for (b, length) in lengths.enumerated() {
            for index in (b * time * width)..<((b * time + length) * width) { mask.scalars[index] = 1 }
        }
        return stacked * Variable(mask)
    }

    /// Each sequence's row of the state after its own last step: `states[n]` holds the hidden
    /// (and cell) state `[batch, hiddenSize]` after `n` steps.
    func finalState(_ states: [(hidden: Variable, cell: Variable?)]) -> (hidden: Variable, cell: Variable?) {
        let ends = Set(lengths).sorted()
        if ends.count == 1 { return states[ends[0]] }
        // Σ over the distinct lengths n of (state after n steps) ⊙ (rows of length n): each row
        // takes its value from exactly one term and zeros from the others.
        var hidden: Variable? = nil
        var cell: Variable? = nil
        for end in ends {
            let (stepHidden, stepCell) = states[end]
            let rows = Variable(rowMask(where: end, shape: stepHidden.shape))
            hidden = hidden.map { $0 + stepHidden * rows } ?? stepHidden * rows
            if let stepCell { cell = cell.map { $0 + stepCell * rows } ?? stepCell * rows }
        }
        return (hidden!, cell)
    }

    /// `[batch, size]`: ones in the rows of sequences of length `length`, zeros elsewhere.
    private func rowMask(where length: Int, shape: [Int]) -> Tensor {
        let size = shape[1]
        var mask = Tensor(zeros: shape)
        for (b, rowLength) in lengths.enumerated() where rowLength == length {
            for j in 0..<size { mask.scalars[b * size + j] = 1 }
        }
        return mask
    }
}
