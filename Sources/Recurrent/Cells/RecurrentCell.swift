/// A recurrent cell written with differentiable operations: one step from an input and a state
/// to an output and the next state. A lesson can define a new cell in a few lines, and
/// `unroll` runs it over sequences and back-propagates through time by the tape;
/// `cell.unrolled()` makes it a `SequenceLayer` that runs beside the fused layers (for cells
/// whose state is a `SequenceCellState`: one vector, an `LSTMCellState`, or the engine's own).
public protocol RecurrentCell: ParameterContainer {
    /// What the cell carries between steps: a hidden state, or several vectors.
    associatedtype State

    /// The state before the first step, all zeros, for `batch` sequences.
    func zeroState(batch: Int) -> State

    /// One step.
    ///
    /// - Parameters:
    ///   - input: `[batch, inputSize]`.
    ///   - state: the state after the previous step.
    /// - Returns: the step's `output` `[batch, outputSize]` and the next state.
    func callAsFunction(_ input: Variable, state: State) -> (output: Variable, state: State)
}

/// Runs `cell` over whole sequences, step by step.
///
/// - Parameters:
///   - input: `[batch, time, inputSize]`.
///   - initialState: the state before the first step; zeros if `nil`.
/// - Returns: the outputs of every step `[batch, time, outputSize]` and the final state.
public func unroll<Cell: RecurrentCell>(_ cell: Cell, over input: Variable, initialState: Cell.State? = nil)
    -> (output: Variable, state: Cell.State)
{
    require(input.shape.count == 3 && input.shape[1] > 0, "unroll: input shape \(input.shape) is not [batch, time > 0, features]")
    var state = initialState ?? cell.zeroState(batch: input.shape[0])
    var outputs: [Variable] = []
    outputs.reserveCapacity(input.shape[1])
    for step in input.unstackedSteps() {
        let result = cell(step, state: state)
        outputs.append(result.output)
        state = result.state
    }
    return (stack(steps: outputs), state)
}

/// A block of weights that maps an input and a recurrent vector into one pre-activation:
/// `x · Wᵀ + h · Uᵀ + b`, the building block of every gate.
public struct GateWeights {
    /// `[hiddenSize, inputSize]`.
    public let input: Parameter
    /// `[hiddenSize, recurrentSize]`, or `nil` for a gate that does not see the state.
    public let recurrent: Parameter?
    /// `[hiddenSize]`.
    public let bias: Parameter

    /// Weights drawn from PyTorch's recurrent default, `uniform(±1/√hiddenSize)`.
    public init(inputSize: Int, hiddenSize: Int, recurrentSize: Int?, generator: inout RandomGenerator) {
        let initializer = Initializer.pytorchRecurrentDefault(hiddenSize: hiddenSize)
        input = Parameter(initializer.tensor(shape: [hiddenSize, inputSize], generator: &generator))
        recurrent = recurrentSize.map { Parameter(initializer.tensor(shape: [hiddenSize, $0], generator: &generator)) }
        bias = Parameter(initializer.tensor(shape: [hiddenSize], generator: &generator))
    }

    /// `x · Wᵀ + h · Uᵀ + b` (the `h` term only if the gate has recurrent weights).
    public func callAsFunction(_ x: Variable, _ h: Variable?) -> Variable {
        var result = matmul(x, input.variable, transposeRight: true) + bias.variable
        if let recurrent, let h { result = result + matmul(h, recurrent.variable, transposeRight: true) }
        return result
    }

    /// The gate's parameters as a cell lists them in `namedParameters`: `weight_x<name>`
    /// (`input`), `weight_h<name>` (`recurrent`, if the gate has it) and `bias_<name>`.
    public func named(_ name: String) -> [(name: String, parameter: Parameter)] {
        [("weight_x\(name)", input)] + (recurrent.map { [("weight_h\(name)", $0)] } ?? []) + [("bias_\(name)", bias)]
    }
}
