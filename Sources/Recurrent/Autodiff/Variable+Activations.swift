import Foundation

/// Element-wise functions. Each derivative is written in terms of the input `x` and the output
/// `y` it produced, whichever is cheaper (σ' = y(1 − y), tanh' = 1 − y²).
extension Variable {
    func elementwise(
        _ name: String, _ function: (Float) -> Float, derivative: @escaping (_ x: Float, _ y: Float) -> Float
    ) -> Variable {
        let output = value.map(function)
        return Variable.record(name, inputs: [self], value: output) { gradient in
            var result = gradient
            for index in result.scalars.indices {
                result.scalars[index] *= derivative(self.value.scalars[index], output.scalars[index])
            }
            return [result]
        }
    }
}

/// The logistic function `1 / (1 + e^-x)`, element-wise.
public func sigmoid(_ x: Variable) -> Variable {
    x.elementwise("sigmoid", sigmoid) { _, y in y * (1 - y) }
}

/// The hyperbolic tangent, element-wise.
public func tanh(_ x: Variable) -> Variable {
    x.elementwise("tanh", tanhf) { _, y in 1 - y * y }
}

/// `max(0, x)`, element-wise; the derivative at 0 is taken as 0, as PyTorch does.
public func relu(_ x: Variable) -> Variable {
    x.elementwise("relu", { max(0, $0) }) { x, _ in x > 0 ? 1 : 0 }
}

/// `e^x`, element-wise.
public func exp(_ x: Variable) -> Variable {
    x.elementwise("exp", expf) { _, y in y }
}

/// The natural logarithm, element-wise.
public func log(_ x: Variable) -> Variable {
    x.elementwise("log", logf) { x, _ in 1 / x }
}

/// `√x`, element-wise.
public func sqrt(_ x: Variable) -> Variable {
    x.elementwise("sqrt", { $0.squareRoot() }) { _, y in 1 / (2 * y) }
}
