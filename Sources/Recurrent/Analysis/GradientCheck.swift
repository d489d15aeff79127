/// Gradients by finite differences: the check that back-propagation is right.
///
/// For each entry `θ` of a parameter, the central difference
/// `(L(θ + ε) − L(θ − ε)) / 2ε` approximates `∂L/∂θ` with an error of order `ε²`. In `Float`
/// arithmetic the loss itself is only good to about `1e-7 · |L|`, which the division by `2ε`
/// magnifies, so `ε` around `1e-2` to `1e-3` balances the two errors.
public enum GradientCheck {
    /// Finite-difference estimates of `∂loss/∂θ` for the given entries of `parameter`.
    ///
    /// - Parameters:
    ///   - loss: recomputes the loss from the parameter's current value, in `Double` where it
    ///     can (summing in `Double` keeps rounding noise out of the difference).
    ///   - entries: flat indices into `parameter.value`; all entries if `nil`.
    ///   - epsilon: the step `ε`.
    public static func numericalGradient(
        of loss: () -> Double, parameter: Parameter, entries: [Int]? = nil, epsilon: Float = 1e-2
    ) -> [Float] {
        (entries ?? Array(parameter.value.scalars.indices)).map { index in
            let original = parameter.value.scalars[index]
            parameter.value.scalars[index] = original + epsilon
            let plus = loss()
            parameter.value.scalars[index] = original - epsilon
            let minus = loss()
            parameter.value.scalars[index] = original
            // The step actually taken, after rounding θ ± ε to Float.
            let step = Double(original + epsilon) - Double(original - epsilon)
            return Float((plus - minus) / step)
        }
    }

    /// The largest relative difference `|a − n| / max(|a|, |n|, floor)` between analytic and
    /// numerical gradients; `floor` keeps entries near zero from dominating.
    public static func largestRelativeDifference(_ analytic: [Float], _ numerical: [Float], floor: Float = 1e-2) -> Float {
        zip(analytic, numerical).map { a, n in abs(a - n) / Swift.max(abs(a), abs(n), floor) }.max() ?? 0
    }
}
