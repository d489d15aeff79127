/// The vanilla recurrent cell, `h' = tanh(x · W_ihᵀ + b_ih + h · W_hhᵀ + b_hh)`, with the
/// parameters of PyTorch's `nn.RNNCell`. The fused `RNN` computes the same thing faster.
public final class ElmanCell: RecurrentCell {
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter
    public let biasHH: Parameter

    public init(inputSize: Int, hiddenSize: Int, generator: inout RandomGenerator) {
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        weightIH = Parameter(initializer.tensor(shape: [hiddenSize, inputSize], generator: &generator))
        weightHH = Parameter(initializer.tensor(shape: [hiddenSize, hiddenSize], generator: &generator))
        biasIH = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
        biasHH = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight_ih", weightIH), ("weight_hh", weightHH), ("bias_ih", biasIH), ("bias_hh", biasHH)]
    }

    public func zeroState(batch: Int) -> Variable { Variable(Tensor(zeros: [batch, weightHH.shape[0]])) }

    public func callAsFunction(_ input: Variable, state: Variable) -> (output: Variable, state: Variable) {
        let h = tanh(matmul(input, weightIH.variable, transposeRight: true) + biasIH.variable
                     + matmul(state, weightHH.variable, transposeRight: true) + biasHH.variable)
        return (h, h)
    }
}
