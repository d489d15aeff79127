/// A tensor in a computation whose gradient can be taken: reverse-mode automatic
/// differentiation by recording each operation as it runs.
///
/// Every operation on variables that need a gradient records an `Operation` holding its
/// inputs and a closure that maps the gradients of its outputs to the gradients of its
/// inputs. `backward()` walks those records from the loss back to the leaves — the
/// parameters, whose `gradient` it adds to, and any input created with
/// `requiresGradient: true`. Operations on variables that need no gradient record nothing,
/// so evaluation without training keeps no graph.
public final class Variable {
    /// The value computed.
    public let value: Tensor
    /// Whether a gradient flows to this value.
    public let requiresGradient: Bool
    /// The gradient of the last `backward()` with respect to this variable, for leaves
    /// created with `requiresGradient: true` (parameters receive theirs in `Parameter.gradient`).
    public internal(set) var gradient: Tensor?

    /// The operation that computed this value, or `nil` for a leaf.
    let producer: Operation?
    /// Which of the producer's outputs this is.
    let outputIndex: Int
    /// For a leaf standing for a parameter: where its gradient goes.
    let parameter: Parameter?

    /// A leaf: an input, or a constant when `requiresGradient` is false.
    public init(_ value: Tensor, requiresGradient: Bool = false) {
        self.value = value
        self.requiresGradient = requiresGradient
        producer = nil
        outputIndex = 0
        parameter = nil
    }

    init(value: Tensor, producer: Operation, outputIndex: Int) {
        self.value = value
        requiresGradient = true
        self.producer = producer
        self.outputIndex = outputIndex
        parameter = nil
    }

    init(parameter: Parameter) {
        value = parameter.value
        requiresGradient = true
        producer = nil
        outputIndex = 0
        self.parameter = parameter
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// The same value cut off from the computation that produced it: no gradient flows back
    /// through it. Truncated BPTT carries state between chunks this way.
    public func detached() -> Variable {
        Variable(value)
    }
}

extension Parameter {
    /// The parameter's current value as a leaf of a computation; `backward()` adds the
    /// gradient into `gradient`. Each use creates a new leaf, so a weight shared by every time
    /// step receives the sum of all steps' contributions.
    public var variable: Variable { Variable(parameter: self) }
}

/// One recorded step of a computation: its inputs and how to send gradients back to them.
final class Operation {
    /// The operation's name, for messages.
    let name: String
    let inputs: [Variable]
    /// Maps the gradients of the outputs (`nil` where an output received none) to gradients of
    /// the inputs (`nil` where an input needs none), each the shape of its input.
    let backward: ([Tensor?]) -> [Tensor?]
    let outputCount: Int
    /// Gradients of the outputs, gathered during `backward()`: empty until the first arrives
    /// and again once the operation has run. A hand-written cell records thousands of
    /// operations per training step; allocating this array when each was recorded and again
    /// when each ran cost several percent of lesson 11's run.
    private(set) var outputGradients: [Tensor?] = []
    /// The walk of `backward()` that last reached this operation (see `Variable.postOrder`):
    /// a mark on the operation instead of a set of the operations seen, whose hashing was 2% of
    /// lesson 11's run. Held strongly, so no later walk's mark can reuse its address while an
    /// operation still carries it.
    var visitedBy: WalkMark?

    init(name: String, inputs: [Variable], outputCount: Int, backward: @escaping ([Tensor?]) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
        self.outputCount = outputCount
    }

    /// Adds `gradient` to what output `index` has received (the first simply is stored).
    func receive(_ gradient: Tensor, forOutput index: Int) {
        if outputGradients.isEmpty { outputGradients = [Tensor?](repeating: nil, count: outputCount) }
        if outputGradients[index] == nil {
            outputGradients[index] = gradient
        } else {
            outputGradients[index]! += gradient
        }
    }

    /// The gradients received, or `nil` if none did; the operation keeps none of them.
    func takeOutputGradients() -> [Tensor?]? {
        defer { outputGradients = [] }
        return outputGradients.contains(where: { $0 != nil }) ? outputGradients : nil
    }
}

extension Variable {
    /// The result of a single-output operation: recorded if any input needs a gradient.
    ///
    /// - Parameter backward: maps the output's gradient to one gradient (or `nil`) per input.
    static func record(
        _ name: String, inputs: [Variable], value: Tensor, backward: @escaping (Tensor) -> [Tensor?]
    ) -> Variable {
        guard inputs.contains(where: \.requiresGradient) else { return Variable(value) }
        let operation = Operation(name: name, inputs: inputs, outputCount: 1) { gradients in
            backward(gradients[0]!)
        }
        return Variable(value: value, producer: operation, outputIndex: 0)
    }

    /// The results of an operation with several outputs (a whole recurrent layer returns its
    /// outputs and its final states): recorded if any input needs a gradient.
    static func record(
        _ name: String, inputs: [Variable], values: [Tensor], backward: @escaping ([Tensor?]) -> [Tensor?]
    ) -> [Variable] {
        guard inputs.contains(where: \.requiresGradient) else { return values.map { Variable($0) } }
        let operation = Operation(name: name, inputs: inputs, outputCount: values.count, backward: backward)
        return values.enumerated().map { Variable(value: $1, producer: operation, outputIndex: $0) }
    }
}
