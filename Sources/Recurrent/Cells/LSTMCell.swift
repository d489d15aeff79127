/// One LSTM step written with differentiable operations, with the parameters and gate order
/// (i, f, g, o) of PyTorch's `nn.LSTMCell`: the composable twin of the fused `LSTM`.
public final class LSTMCell: RecurrentCell {
    /// `[4 * hiddenSize, inputSize]`, gates stacked i, f, g, o.
    public let weightIH: Parameter
    /// `[4 * hiddenSize, hiddenSize]`.
    public let weightHH: Parameter
    /// `[4 * hiddenSize]` each.
    public let biasIH: Parameter
    public let biasHH: Parameter
    public let hiddenSize: Int

    public init(inputSize: Int, hiddenSize: Int, generator: inout RandomGenerator) {
        self.hiddenSize = hiddenSize
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        weightIH = Parameter(initializer.tensor(shape: [4 * hiddenSize, inputSize], generator: &generator))
        weightHH = Parameter(initializer.tensor(shape: [4 * hiddenSize, hiddenSize], generator: &generator))
        biasIH = Parameter(initializer.tensor(shape: [4 * hiddenSize], generator: &generator))
        biasHH = Parameter(initializer.tensor(shape: [4 * hiddenSize], generator: &generator))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight_ih", weightIH), ("weight_hh", weightHH), ("bias_ih", biasIH), ("bias_hh", biasHH)]
    }

    /// Hidden and cell states of zeros, each `[batch, hiddenSize]`.
    public func zeroState(batch: Int) -> LSTMCellState {
        LSTMCellState(hidden: Variable(Tensor(zeros: [batch, hiddenSize])), cell: Variable(Tensor(zeros: [batch, hiddenSize])))
    }

    /// One step: `input` `[batch, inputSize]` to the output `[batch, hiddenSize]` (the new
    /// hidden state) and the next state.
    public func callAsFunction(_ input: Variable, state: LSTMCellState) -> (output: Variable, state: LSTMCellState) {
        let size = hiddenSize
        let gates = matmul(input, weightIH.variable, transposeRight: true) + biasIH.variable
            + matmul(state.hidden, weightHH.variable, transposeRight: true) + biasHH.variable
        let inputGate = sigmoid(gates.slice(features: 0..<size))
        let forgetGate = sigmoid(gates.slice(features: size..<2 * size))
        let candidate = tanh(gates.slice(features: 2 * size..<3 * size))
        let outputGate = sigmoid(gates.slice(features: 3 * size..<4 * size))
        let cell = forgetGate * state.cell + inputGate * candidate
        let hidden = outputGate * tanh(cell)
        return (hidden, LSTMCellState(hidden: hidden, cell: cell))
    }

    /// Sets the forget gate's bias so that the gate starts at `σ(value)`, as
    /// `RecurrentLayer.setForgetGateBias` does for the fused layers: the forget rows of
    /// `bias_ih` become `value` and those of `bias_hh` zero.
    public func setForgetGateBias(_ value: Float) {
        for j in hiddenSize..<(2 * hiddenSize) {
            biasIH.value.scalars[j] = value
            biasHH.value.scalars[j] = 0
        }
    }
}
