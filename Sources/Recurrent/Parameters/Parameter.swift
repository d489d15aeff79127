/// A trainable tensor and the gradient accumulated for it.
///
/// A class, so that a layer, an optimiser and a lesson holding the same parameter all see one
/// value: the optimiser updates it in place and the layer uses the new value on its next call.
public final class Parameter {
    /// The current value.
    public var value: Tensor
    /// The gradient of the loss with respect to `value`, same shape; backward passes add into it.
    public var gradient: Tensor

    /// A parameter holding `value`, with a zero gradient.
    public init(_ value: Tensor) {
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// The shape of the value and of the gradient.
    public var shape: [Int] { value.shape }

    /// Sets the gradient back to zero before the next backward pass.
    public func zeroGradient() {
        for index in gradient.scalars.indices { gradient.scalars[index] = 0 }
    }
}

/// Anything with trainable parameters, listed under PyTorch's `state_dict` names.
public protocol ParameterContainer {
    /// The parameters in PyTorch's `state_dict` order, each with its name there
    /// (for example `weight_ih_l0`, `bias_hh_l1_reverse`).
    var namedParameters: [(name: String, parameter: Parameter)] { get }
}

extension ParameterContainer {
    /// The number of trainable scalars, as PyTorch's `sum(p.numel() for p in m.parameters())`.
    public var parameterCount: Int {
        namedParameters.reduce(0) { $0 + $1.parameter.value.count }
    }

    /// The parameter with the given `state_dict` name, if there is one.
    public func parameter(named name: String) -> Parameter? {
        namedParameters.first { $0.name == name }?.parameter
    }
}
