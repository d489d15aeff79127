/// Updates parameters from their gradients. The update rules follow PyTorch's `torch.optim`
/// implementations term by term, so a run can be compared with one in PyTorch.
public protocol Optimizer: AnyObject {
    /// The parameters updated, in a fixed order.
    var parameters: [Parameter] { get }
    /// The step size; schedules change it between steps.
    var learningRate: Float { get set }
    /// Applies one update from the current gradients.
    func step()
}

extension Optimizer {
    /// Sets every parameter's gradient to zero, before the next backward pass.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

/// Per-parameter state an optimiser keeps (momentum buffers, squared-gradient averages),
/// one `[Float]` per parameter, the parameter's size.
struct OptimizerSlots {
    var values: [[Float]]

    init(_ parameters: [Parameter]) {
        values = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }
}
