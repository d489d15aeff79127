/// Limits on gradients before an update, the usual cure for exploding gradients.
public enum GradientClipping {
    /// Scales all gradients together so their joint Euclidean norm is at most `maxNorm`, as
    /// PyTorch's `clip_grad_norm_` (scale `maxNorm / (norm + 1e-6)` when below 1).
    ///
    /// - Returns: the norm before clipping (`inf` or `nan` if a gradient is not finite).
    @discardableResult
    public static func clipNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
        let norm = globalNorm(parameters)
        let scale = maxNorm / (norm + 1e-6)
        if scale < 1 {
            for parameter in parameters {
                for i in parameter.gradient.scalars.indices { parameter.gradient.scalars[i] *= scale }
            }
        }
        return norm
    }

    /// Clamps every gradient entry into `[-limit, limit]`, as PyTorch's `clip_grad_value_`.
    public static func clipValues(_ parameters: [Parameter], limit: Float) {
        for parameter in parameters {
            for i in parameter.gradient.scalars.indices {
                parameter.gradient.scalars[i] = Swift.min(Swift.max(parameter.gradient.scalars[i], -limit), limit)
            }
        }
    }

    /// The Euclidean norm of all gradients together, accumulated in `Double`.
    public static func globalNorm(_ parameters: [Parameter]) -> Float {
        var total: Double = 0
        for parameter in parameters {
            for value in parameter.gradient.scalars { total += Double(value) * Double(value) }
        }
        return Float(total.squareRoot())
    }
}
