extension RecurrentStack {
    /// The whole stack as one operation of a computation: forward now, and the fused
    /// backward pass when the loss is back-propagated, which also adds the gradients of every
    /// weight and bias into its `Parameter`.
    ///
    /// Shapes as in `forward(_:initialHidden:initialCell:keepTrace:)`.
    func forward(_ input: Variable, initialHidden: Variable?, initialCell: Variable?, lengths: [Int]? = nil)
        -> (output: Variable, hidden: Variable, cell: Variable?)
    {
        let result = forward(
            input.value, initialHidden: initialHidden?.value, initialCell: initialCell?.value, lengths: lengths, keepTrace: true)
        let trace = result.trace!
        var inputs = [input]
        if let initialHidden { inputs.append(initialHidden) }
        if let initialCell { inputs.append(initialCell) }
        let values = [result.output, result.hidden] + (result.cell.map { [$0] } ?? [])
        // Recorded even when no input needs a gradient: the parameters always do.
        let operation = Operation(name: "\(kind) layer", inputs: inputs, outputCount: values.count) { gradients in
            let backward = self.backward(
                trace, outputGradient: gradients[0], hiddenGradient: gradients[1],
                cellGradient: gradients.count > 2 ? gradients[2] : nil, needInputGradient: input.requiresGradient)
            var inputGradients: [Tensor?] = [input.requiresGradient ? backward.input : nil]
            if initialHidden != nil { inputGradients.append(backward.hidden) }
            if initialCell != nil { inputGradients.append(backward.cell) }
            return inputGradients
        }
        let outputs = values.enumerated().map { Variable(value: $1, producer: operation, outputIndex: $0) }
        return (outputs[0], outputs[1], outputs.count > 2 ? outputs[2] : nil)
    }
}
