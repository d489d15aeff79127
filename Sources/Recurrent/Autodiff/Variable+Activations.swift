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

/// The logistic function `1 / (1 + e^-x)`, element-wise, computed as the fused kernels
/// compute it (`FastMath`), eight lanes at a time.
public func sigmoid(_ x: Variable) -> Variable {
    x.squashed("sigmoid", Lanes8.sigmoid, Lanes1.sigmoid) { y in y * (1 - y) }
}

/// The hyperbolic tangent, element-wise, as the fused kernels compute it.
public func tanh(_ x: Variable) -> Variable {
    x.squashed("tanh", Lanes8.tanh, Lanes1.tanh) { y in 1 - y * y }
}

extension Variable {
    /// A squashing function applied lane-parallel, with its derivative written in terms of
    /// the output. Small tensors are the common case inside a recurrent step, so both passes
    /// run over raw buffers rather than through per-element closures.
    @inline(__always)
    fileprivate func squashed(
        _ name: String, _ vector: (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float,
        slope: @escaping (SIMD8<Float>) -> SIMD8<Float>
    ) -> Variable {
        var output = value
        let count = output.count
        output.scalars.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var index = 0
            while index + 8 <= count {
                Lanes8.store(vector(Lanes8.load(base + index)), base + index)
                index += 8
            }
            while index < count {
                base[index] = scalar(base[index])
                index += 1
            }
        }
        return Variable.record(name, inputs: [self], value: output) { gradient in
            var result = gradient
            result.scalars.withUnsafeMutableBufferPointer { buffer in
                output.scalars.withUnsafeBufferPointer { values in
                    let (g, y) = (buffer.baseAddress!, values.baseAddress!)
                    var index = 0
                    while index + 8 <= count {
                        Lanes8.store(Lanes8.load(g + index) * slope(Lanes8.load(y + index)), g + index)
                        index += 8
                    }
                    while index < count {
                        g[index] *= slope(SIMD8(repeating: y[index]))[0]
                        index += 1
                    }
                }
            }
            return [result]
        }
    }
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
