/// An LSTM with some of its parts removed or changed, fused over whole sequences like `LSTM`:
/// the networks of the ablation studies of Greff et al. (2015) and Jozefowicz et al. (2015).
///
///     let noForgetGate = VariantLSTM(inputSize: 8, hiddenSize: 32, structure: LSTMStructure(greff: .noForgetGate), generator: &g)
///     let withoutOutputGate = VariantLSTM(inputSize: 8, hiddenSize: 32, structure: LSTMStructure(outputGate: false), generator: &g)
///
/// Equations and parameters as described by `LSTMStructure`: PyTorch's stacked weights
/// (`weight_ih_l0` `[4H, inputSize]`, gates i, f, g, o), plus `weight_peephole_l0` `[3H]` when
/// the structure has peepholes and `weight_gates_l0` `[3H, 3H]` with full gate recurrence
/// (which does not take `lengths:`). The rows of a removed gate stay in the weights unused, so
/// `parameterCount` counts them; `usedParameterCount` does not.
public final class VariantLSTM: RecurrentLayer {
    /// Which parts this LSTM has (its kind's structure).
    public var structure: LSTMStructure { kind.lstmStructure ?? .standard }

    required init(stack: RecurrentStack) { super.init(stack: stack) }

    public init(
        inputSize: Int, hiddenSize: Int, structure: LSTMStructure, layerCount: Int = 1, bias: Bool = true,
        bidirectional: Bool = false, generator: inout RandomGenerator
    ) {
        super.init(stack: RecurrentStack(
            kind: .structuredLSTM(structure), inputSize: inputSize, hiddenSize: hiddenSize, layerCount: layerCount,
            bias: bias, bidirectional: bidirectional, generator: &generator))
    }

    /// The parameters that affect the output: `parameterCount` less the rows of removed
    /// gates (a coupled forget gate counts as removed) and their peepholes.
    public var usedParameterCount: Int {
        let unusedGates = [!structure.inputGate, !structure.forgetGateIsFree, !structure.outputGate].filter { $0 }.count
        guard unusedGates > 0 else { return parameterCount }
        var unused = 0
        for (name, parameter) in namedParameters {
            if name.hasPrefix("weight_peephole") {
                unused += unusedGates * hiddenSize
            } else {
                // Each gate owns a quarter of the rows of the stacked weights and biases.
                unused += unusedGates * parameter.value.count / 4
            }
        }
        return parameterCount - unused
    }

    /// Runs the network over whole sequences; shapes as for `LSTM`.
    public func callAsFunction(_ input: Tensor, initialState: LSTMState<Tensor>? = nil, lengths: [Int]? = nil) -> (output: Tensor, state: LSTMState<Tensor>) {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }

    /// Runs the network over whole sequences as part of a computation to differentiate.
    public func callAsFunction(_ input: Variable, initialState: LSTMState<Variable>? = nil, lengths: [Int]? = nil)
        -> (output: Variable, state: LSTMState<Variable>)
    {
        let result = stack.forward(input, initialHidden: initialState?.hidden, initialCell: initialState?.cell, lengths: lengths)
        return (result.output, LSTMState(hidden: result.hidden, cell: result.cell!))
    }
}
