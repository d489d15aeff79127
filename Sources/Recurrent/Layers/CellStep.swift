import Foundation

/// The pointwise part of one step of a built-in cell, for one sequence of the batch.
///
/// `projected[projectedOffset...]` holds `W_ih x_t + b_ih` and `recurrent[recurrentOffset...]`
/// holds `W_hh h + b_hh`, each `gateCount * hiddenSize` values in PyTorch's gate order. The
/// step replaces `hidden[stateOffset ..< stateOffset + hiddenSize]` (and `cell`, for an LSTM)
/// with the new state.
enum CellStep {
    static func apply(
        _ kind: RecurrentCellKind, hiddenSize: Int,
        projected: [Float], projectedOffset p: Int,
        recurrent: [Float], recurrentOffset r: Int,
        hidden: inout [Float], cell: inout [Float], stateOffset s: Int
    ) {
        let size = hiddenSize
        switch kind {
        case .rnnTanh:
            for j in 0..<size { hidden[s + j] = tanhf(projected[p + j] + recurrent[r + j]) }
        case .rnnReLU:
            for j in 0..<size { hidden[s + j] = max(0, projected[p + j] + recurrent[r + j]) }
        case .lstm:
            for j in 0..<size {
                let input = sigmoid(projected[p + j] + recurrent[r + j])
                let forget = sigmoid(projected[p + size + j] + recurrent[r + size + j])
                let candidate = tanhf(projected[p + 2 * size + j] + recurrent[r + 2 * size + j])
                let output = sigmoid(projected[p + 3 * size + j] + recurrent[r + 3 * size + j])
                let newCell = forget * cell[s + j] + input * candidate
                cell[s + j] = newCell
                hidden[s + j] = output * tanhf(newCell)
            }
        case .gru:
            for j in 0..<size {
                let reset = sigmoid(projected[p + j] + recurrent[r + j])
                let update = sigmoid(projected[p + size + j] + recurrent[r + size + j])
                let candidate = tanhf(projected[p + 2 * size + j] + reset * recurrent[r + 2 * size + j])
                hidden[s + j] = (1 - update) * candidate + update * hidden[s + j]
            }
        }
    }
}

/// The logistic function `1 / (1 + e^-x)`.
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    1 / (1 + expf(-x))
}
