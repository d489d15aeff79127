import Foundation

/// The pointwise part of one step of a built-in cell, forward and backward, for one sequence
/// of the batch. Both sides of the step's matrix products are done by the caller.
///
/// Forward reads `P` = `W_ih x_t + b_ih` and `R` = `W_hh h + b_hh` (each `gateCount * H`
/// values in PyTorch's gate order) and the previous state; it writes the new state and the
/// values the backward pass needs.
enum CellStep {
    /// One forward step.
    ///
    /// - Parameters:
    ///   - projected: `P` for this sequence and step.
    ///   - recurrent: `R` for this sequence.
    ///   - hidden, cell: `[H]`: the previous state on entry, the new state on exit.
    ///   - gates: `[gateCount * H]`: receives the activated gates (RNN: the new state).
    ///   - extra: `[H]`: receives the LSTM's new cell or the GRU's `W_hn h + b_hn`.
    ///   - peephole: `[3H]` peephole weights (peephole LSTM only).
    @inline(__always)
    static func forward(
        _ kind: RecurrentCellKind, size: Int,
        projected p: UnsafePointer<Float>, recurrent r: UnsafePointer<Float>,
        hidden h: UnsafeMutablePointer<Float>, cell c: UnsafeMutablePointer<Float>,
        gates g: UnsafeMutablePointer<Float>, extra e: UnsafeMutablePointer<Float>,
        peephole w: UnsafePointer<Float>
    ) {
        switch kind {
        case .rnnTanh:
            for j in 0..<size {
                let value = tanhf(p[j] + r[j])
                h[j] = value
                g[j] = value
            }
        case .rnnReLU:
            for j in 0..<size {
                let value = max(0, p[j] + r[j])
                h[j] = value
                g[j] = value
            }
        case .lstm:
            for j in 0..<size {
                let input = sigmoid(p[j] + r[j])
                let forget = sigmoid(p[size + j] + r[size + j])
                let candidate = tanhf(p[2 * size + j] + r[2 * size + j])
                let output = sigmoid(p[3 * size + j] + r[3 * size + j])
                let newCell = forget * c[j] + input * candidate
                c[j] = newCell
                h[j] = output * tanhf(newCell)
                g[j] = input
                g[size + j] = forget
                g[2 * size + j] = candidate
                g[3 * size + j] = output
                e[j] = newCell
            }
        case .peepholeLSTM:
            for j in 0..<size {
                let input = sigmoid(p[j] + r[j] + w[j] * c[j])
                let forget = sigmoid(p[size + j] + r[size + j] + w[size + j] * c[j])
                let candidate = tanhf(p[2 * size + j] + r[2 * size + j])
                let newCell = forget * c[j] + input * candidate
                let output = sigmoid(p[3 * size + j] + r[3 * size + j] + w[2 * size + j] * newCell)
                c[j] = newCell
                h[j] = output * tanhf(newCell)
                g[j] = input
                g[size + j] = forget
                g[2 * size + j] = candidate
                g[3 * size + j] = output
                e[j] = newCell
            }
        case .choGRU:
            fatalError("choGRU steps run in RecurrentStack's two-product path")
        case .gru:
            for j in 0..<size {
                let reset = sigmoid(p[j] + r[j])
                let update = sigmoid(p[size + j] + r[size + j])
                let candidate = tanhf(p[2 * size + j] + reset * r[2 * size + j])
                h[j] = (1 - update) * candidate + update * h[j]
                g[j] = reset
                g[size + j] = update
                g[2 * size + j] = candidate
                e[j] = r[2 * size + j]
            }
        }
    }

    /// One backward step: from the gradient of the new state to the gradients of the
    /// pre-activations and of the previous state.
    ///
    /// - Parameters:
    ///   - gates, extra, previousHidden, previousCell: as stored by `forward` for this step.
    ///   - hiddenGradient: `[H]`: `∂L/∂h'` on entry; on exit the part of `∂L/∂h` that does not
    ///     pass through `W_hh` (the GRU's `z ⊙ ∂L/∂h'`), zero for the other cells.
    ///   - cellGradient: `[H]`: `∂L/∂c'` on entry, `∂L/∂c` on exit (LSTM only).
    ///   - projectedGradient: `[gateCount * H]`: receives `∂L/∂P`.
    ///   - recurrentGradient: `[gateCount * H]`: receives `∂L/∂R` (differs from `∂L/∂P` only
    ///     in the GRU's candidate gate, where `R` is scaled by `r`).
    ///   - peephole, peepholeGradient: `[3H]` peephole weights and the gradient added into
    ///     (peephole LSTM only).
    @inline(__always)
    static func backward(
        _ kind: RecurrentCellKind, size: Int,
        gates g: UnsafePointer<Float>, extra e: UnsafePointer<Float>,
        previousHidden hPrevious: UnsafePointer<Float>, previousCell cPrevious: UnsafePointer<Float>,
        hiddenGradient dh: UnsafeMutablePointer<Float>, cellGradient dc: UnsafeMutablePointer<Float>,
        projectedGradient dp: UnsafeMutablePointer<Float>, recurrentGradient dr: UnsafeMutablePointer<Float>,
        peephole w: UnsafePointer<Float>, peepholeGradient dw: UnsafeMutablePointer<Float>
    ) {
        switch kind {
        case .rnnTanh:
            for j in 0..<size {
                let value = dh[j] * (1 - g[j] * g[j])
                dp[j] = value
                dr[j] = value
                dh[j] = 0
            }
        case .rnnReLU:
            for j in 0..<size {
                let value = g[j] > 0 ? dh[j] : 0
                dp[j] = value
                dr[j] = value
                dh[j] = 0
            }
        case .lstm:
            for j in 0..<size {
                let (input, forget, candidate, output) = (g[j], g[size + j], g[2 * size + j], g[3 * size + j])
                let squashedCell = tanhf(e[j])
                let cellTotal = dc[j] + dh[j] * output * (1 - squashedCell * squashedCell)
                let dInput = cellTotal * candidate * input * (1 - input)
                let dForget = cellTotal * cPrevious[j] * forget * (1 - forget)
                let dCandidate = cellTotal * input * (1 - candidate * candidate)
                let dOutput = dh[j] * squashedCell * output * (1 - output)
                dp[j] = dInput
                dp[size + j] = dForget
                dp[2 * size + j] = dCandidate
                dp[3 * size + j] = dOutput
                dr[j] = dInput
                dr[size + j] = dForget
                dr[2 * size + j] = dCandidate
                dr[3 * size + j] = dOutput
                dc[j] = cellTotal * forget
                dh[j] = 0
            }
        case .peepholeLSTM:
            for j in 0..<size {
                let (input, forget, candidate, output) = (g[j], g[size + j], g[2 * size + j], g[3 * size + j])
                let squashedCell = tanhf(e[j])
                let dOutput = dh[j] * squashedCell * output * (1 - output)
                // The new cell reaches the loss through h and through the output gate's peephole.
                let cellTotal = dc[j] + dh[j] * output * (1 - squashedCell * squashedCell) + dOutput * w[2 * size + j]
                let dInput = cellTotal * candidate * input * (1 - input)
                let dForget = cellTotal * cPrevious[j] * forget * (1 - forget)
                let dCandidate = cellTotal * input * (1 - candidate * candidate)
                dp[j] = dInput
                dp[size + j] = dForget
                dp[2 * size + j] = dCandidate
                dp[3 * size + j] = dOutput
                dr[j] = dInput
                dr[size + j] = dForget
                dr[2 * size + j] = dCandidate
                dr[3 * size + j] = dOutput
                dw[j] += dInput * cPrevious[j]
                dw[size + j] += dForget * cPrevious[j]
                dw[2 * size + j] += dOutput * e[j]
                dc[j] = cellTotal * forget + dInput * w[j] + dForget * w[size + j]
                dh[j] = 0
            }
        case .choGRU:
            fatalError("choGRU steps run in RecurrentStack's two-product path")
        case .gru:
            for j in 0..<size {
                let (reset, update, candidate) = (g[j], g[size + j], g[2 * size + j])
                let dCandidate = dh[j] * (1 - update) * (1 - candidate * candidate)
                let dUpdate = dh[j] * (hPrevious[j] - candidate) * update * (1 - update)
                let dReset = dCandidate * e[j] * reset * (1 - reset)
                dp[j] = dReset
                dp[size + j] = dUpdate
                dp[2 * size + j] = dCandidate
                dr[j] = dReset
                dr[size + j] = dUpdate
                dr[2 * size + j] = dCandidate * reset
                dh[j] = dh[j] * update
            }
        }
    }
}

/// The logistic function `1 / (1 + e^-x)`.
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    1 / (1 + expf(-x))
}
