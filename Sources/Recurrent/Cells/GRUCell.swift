/// One GRU step written with differentiable operations.
///
/// `resetAfterProduct` (the default) is PyTorch's `nn.GRUCell`: the reset gate scales
/// `W_hn h + b_hn`. Without it, this is the GRU of Cho et al. (2014), where the reset gate
/// scales the state before the product: `n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)`.
/// Both use the same parameters (gates stacked r, z, n).
public final class GRUCell: RecurrentCell {
    /// `[3 * hiddenSize, inputSize]`, gates stacked r, z, n.
    public let weightIH: Parameter
    /// `[3 * hiddenSize, hiddenSize]`.
    public let weightHH: Parameter
    /// `[3 * hiddenSize]` each.
    public let biasIH: Parameter
    public let biasHH: Parameter
    public let hiddenSize: Int
    /// PyTorch's placement of the reset gate (`true`) or Cho et al.'s (`false`).
    public let resetAfterProduct: Bool

    public init(inputSize: Int, hiddenSize: Int, resetAfterProduct: Bool = true, generator: inout RandomGenerator) {
        self.hiddenSize = hiddenSize
        self.resetAfterProduct = resetAfterProduct
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        weightIH = Parameter(initializer.tensor(shape: [3 * hiddenSize, inputSize], generator: &generator))
        weightHH = Parameter(initializer.tensor(shape: [3 * hiddenSize, hiddenSize], generator: &generator))
        biasIH = Parameter(initializer.tensor(shape: [3 * hiddenSize], generator: &generator))
        biasHH = Parameter(initializer.tensor(shape: [3 * hiddenSize], generator: &generator))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight_ih", weightIH), ("weight_hh", weightHH), ("bias_ih", biasIH), ("bias_hh", biasHH)]
    }

    public func zeroState(batch: Int) -> Variable { Variable(Tensor(zeros: [batch, hiddenSize])) }

    public func callAsFunction(_ input: Variable, state h: Variable) -> (output: Variable, state: Variable) {
        let size = hiddenSize
        let projected = matmul(input, weightIH.variable, transposeRight: true) + biasIH.variable
        let weights = weightHH.variable
        let bias = biasHH.variable
        // r and z read W_hr h + b_hr and W_hz h + b_hz alike in both forms.
        let rz = matmul(h, rows(of: weights, 0..<2 * size), transposeRight: true) + bias.slice(features: 0..<2 * size)
        let reset = sigmoid(projected.slice(features: 0..<size) + rz.slice(features: 0..<size))
        let update = sigmoid(projected.slice(features: size..<2 * size) + rz.slice(features: size..<2 * size))
        let candidateWeights = rows(of: weights, 2 * size..<3 * size)
        let candidateBias = bias.slice(features: 2 * size..<3 * size)
        let recurrentCandidate = resetAfterProduct
            ? reset * (matmul(h, candidateWeights, transposeRight: true) + candidateBias)
            : matmul(reset * h, candidateWeights, transposeRight: true) + candidateBias
        let candidate = tanh(projected.slice(features: 2 * size..<3 * size) + recurrentCandidate)
        let next = (1 - update) * candidate + update * h
        return (next, next)
    }

    /// Rows `range` of a `[rows, columns]` matrix variable.
    private func rows(of matrix: Variable, _ range: Range<Int>) -> Variable {
        let columns = matrix.shape[1]
        // Rows of a row-major matrix are one contiguous run of its values.
        return matrix.reshaped([1, matrix.shape[0] * columns]).slice(features: range.lowerBound * columns..<range.upperBound * columns)
            .reshaped([range.count, columns])
    }
}
