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
    /// Gradients of the outputs, gathered during `backward()`.
    var outputGradients: [Tensor?]

    init(name: String, inputs: [Variable], outputCount: Int, backward: @escaping ([Tensor?]) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
        outputGradients = [Tensor?](repeating: nil, count: outputCount)
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
