/// The plain list of parameters an optimiser takes, so that a lesson writes
/// `Adam(parameters: lstm.parameters + head.parameters, …)` instead of mapping names away.
extension ParameterContainer {
    /// The parameters in `namedParameters` order (PyTorch's `state_dict` order), without
    /// their names: `module.parameters()` in PyTorch.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }
}

extension Array where Element == any ParameterContainer {
    /// The parameters of every container in turn, each in its `namedParameters` order:
    /// `[lstm, head].parameters` is `lstm.parameters + head.parameters`.
    public var parameters: [Parameter] { flatMap(\.parameters) }
}
