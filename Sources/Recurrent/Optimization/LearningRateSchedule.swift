import Foundation

/// Learning rate as a function of the epoch (or step) number, starting at 0.
public enum LearningRateSchedule: Sendable {
    /// The same rate throughout.
    case constant(Float)
    /// `initial · γ^⌊epoch / every⌋`, PyTorch's `StepLR`.
    case step(initial: Float, every: Int, gamma: Float)
    /// `initial · γ^epoch`, PyTorch's `ExponentialLR`.
    case exponential(initial: Float, gamma: Float)

    /// The rate for `epoch`.
    public func rate(at epoch: Int) -> Float {
        switch self {
        case .constant(let rate): rate
        case .step(let initial, let every, let gamma): initial * pow(gamma, Float(epoch / every))
        case .exponential(let initial, let gamma): initial * pow(gamma, Float(epoch))
        }
    }
}
