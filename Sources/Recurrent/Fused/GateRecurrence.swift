/// Greff et al.'s full gate recurrence inside the fused LSTM: at every step the pre-activations
/// of the input, forget and output gates also receive `W_g · (i, f, o)_{t−1}`, the previous
/// step's gate values through `weight_gates` `[3H, 3H]` (rows and columns in blocks i, f, o).
/// The previous gates start at zero.
///
/// Forward: one `[batch, 3H] · [3H, 3H]` product per step, added into the i, f and o blocks
/// of the recurrent pre-activations `R` `[batch, 4H]` (blocks i, f, g, o).
final class GateRecurrence {
    let batch: Int
    let size: Int
    /// `W_gᵀ` `[3H, 3H]`, so the step's product runs contiguously.
    private let weightsTransposed: ScratchBuffer
    /// `[batch, 3H]`: the previous step's i, f and o.
    private let previous: ScratchBuffer
    /// `[batch, 3H]` scratch for `previous · W_gᵀ`.
    private let product: ScratchBuffer

    init(weights: Tensor, batch: Int, size: Int) {
        self.batch = batch
        self.size = size
        weightsTransposed = ScratchBuffer(copying: weights.transposed().scalars)
        previous = ScratchBuffer(zeros: batch * 3 * size)
        product = ScratchBuffer(uninitialized: batch * 3 * size)
    }

    /// `R[b, i|f|o] += (previous · W_gᵀ)[b]` for `recurrent` `[batch, 4H]`.
    func addToPreactivations(_ recurrent: ScratchBuffer) {
        let width = 3 * size
        MatrixProduct.multiply(
            m: batch, n: width, k: width, a: previous.base, lda: width, transposeA: false,
            b: weightsTransposed.base, ldb: width, transposeB: false, c: product.base, ldc: width, accumulate: false)
        for b in 0..<batch {
            let row = recurrent.at(b * 4 * size)
            let added = product.at(b * width)
            for (block, target) in [0, 1, 3].enumerated() {
                for j in 0..<size { row[target * size + j] += added[block * size + j] }
            }
        }
    }

    /// Keeps i, f and o of this step's gates `[batch, 4H]` for the next step.
    func remember(gates: UnsafePointer<Float>) {
        Self.gather(gates: gates, batch: batch, size: size, into: previous.base)
    }

    /// Copies blocks i, f, o of `[batch, 4H]` gate rows into `[batch, 3H]`.
    static func gather(gates: UnsafePointer<Float>, batch: Int, size: Int, into target: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            for (block, source) in [0, 1, 3].enumerated() {
                (target + (b * 3 + block) * size).update(from: gates + (b * 4 + source) * size, count: size)
            }
        }
    }
}

/// The backward pass of `GateRecurrence`, step by step in reverse.
///
/// After the pointwise backward of step `s` has written `∂L/∂R` (whose i, f, o blocks are the
/// gradients of those pre-activations), `finishStep` adds `∂L/∂W_g += ∂R_ifoᵀ · (i, f, o)_{s−1}`
/// and sets `valueGradient` to `∂R_ifo · W_g`: the gradient with respect to the gate values
/// of step `s − 1`, which that step's pointwise backward adds to its own.
final class GateRecurrenceGradient {
    let batch: Int
    let size: Int
    /// `W_g` `[3H, 3H]`.
    private let weights: ScratchBuffer
    /// `[batch, 3H]`: `∂L/∂(i, f, o)` of the step about to be processed, from the step after it.
    let valueGradient: ScratchBuffer
    /// `[batch, 3H]`: this step's `∂R_ifo`, gathered.
    private let preactivationGradient: ScratchBuffer
    /// `[batch, 3H]`: the gates of the step before.
    private let previousGates: ScratchBuffer
    /// `[3H, 3H]`, added into the parameter at the end.
    let weightGradient: ScratchBuffer

    init(weights: Tensor, batch: Int, size: Int) {
        self.batch = batch
        self.size = size
        self.weights = ScratchBuffer(copying: weights.scalars)
        valueGradient = ScratchBuffer(zeros: batch * 3 * size)
        preactivationGradient = ScratchBuffer(uninitialized: batch * 3 * size)
        previousGates = ScratchBuffer(uninitialized: batch * 3 * size)
        weightGradient = ScratchBuffer(zeros: 9 * size * size)
    }

    /// - Parameters:
    ///   - step: the step just processed (in processing order).
    ///   - recurrentGradient: `[batch, 4H]`, this step's `∂L/∂R`.
    ///   - gates: the trace's gate rows `[steps * batch, 4H]`.
    func finishStep(_ step: Int, recurrentGradient: UnsafePointer<Float>, gates: ScratchBuffer) {
        let width = 3 * size
        GateRecurrence.gather(gates: recurrentGradient, batch: batch, size: size, into: preactivationGradient.base)
        if step > 0 {
            GateRecurrence.gather(gates: gates.at((step - 1) * batch * 4 * size), batch: batch, size: size, into: previousGates.base)
            // ∂W_g += ∂R_ifoᵀ · gates_{s−1}   ([3H, batch] · [batch, 3H]).
            MatrixProduct.multiply(
                m: width, n: width, k: batch, a: preactivationGradient.base, lda: width, transposeA: true,
                b: previousGates.base, ldb: width, transposeB: false, c: weightGradient.base, ldc: width, accumulate: true)
        }
        // ∂L/∂gates_{s−1} = ∂R_ifo · W_g   ([batch, 3H] · [3H, 3H]); zero gates start step 0.
        MatrixProduct.multiply(
            m: batch, n: width, k: width, a: preactivationGradient.base, lda: width, transposeA: false,
            b: weights.base, ldb: width, transposeB: false, c: valueGradient.base, ldc: width, accumulate: false)
    }
}
