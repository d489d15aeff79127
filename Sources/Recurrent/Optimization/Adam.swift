import Foundation

/// Adam, as PyTorch's `torch.optim.Adam`:
///
///     m = β₁ m + (1 − β₁) g
///     v = β₂ v + (1 − β₂) g²
///     θ = θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var firstMoments: OptimizerSlots
    private var secondMoments: OptimizerSlots
    private var stepCount = 0

    /// The fewest values a piece of the update holds (`WorkerTeam.run(pieces:)`): fewer cost
    /// less than handing out a piece.
    private static let valuesPerPart = 1 << 15

    public init(
        parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = OptimizerSlots(parameters)
        secondMoments = OptimizerSlots(parameters)
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - pow(beta1, Float(stepCount))
        let correction2Root = (1 - pow(beta2, Float(stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        let constants = AdamConstants(
            beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
            stepSize: stepSize, correction2Root: correction2Root)
        for (index, parameter) in parameters.enumerated() {
            let count = parameter.value.count
            let vectorEnd = count - count % 8
            parameter.value.scalars.withUnsafeMutableBufferPointer { value in
                parameter.gradient.scalars.withUnsafeBufferPointer { gradient in
                    firstMoments.values[index].withUnsafeMutableBufferPointer { first in
                        secondMoments.values[index].withUnsafeMutableBufferPointer { second in
                            let pointers = (value.baseAddress!, gradient.baseAddress!, first.baseAddress!, second.baseAddress!)
                            // Each value's update is its own: threads may take slices of them.
                            WorkerTeam.run(pieces: WorkerTeam.pieces(splitting: count / Self.valuesPerPart)) { share in
                                let slice = share.slice(of: count, alignment: 8)
                                var i = slice.lowerBound
                                while i < min(slice.upperBound, vectorEnd) {
                                    constants.update(pointers, at: i, lanes: Lanes8.self)
                                    i += 8
                                }
                                while i < slice.upperBound {
                                    constants.update(pointers, at: i, lanes: Lanes1.self)
                                    i += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One step's constants of Adam and its update of a group of lanes. Vector and scalar lanes
/// do the same operations in the same order (no fused multiply-adds), so the result is the
/// same as the textbook loop's, bit for bit.
private struct AdamConstants {
    let beta1, beta2, epsilon, weightDecay, stepSize, correction2Root: Float

    /// Updates the value and both moments at `i ..< i + lanes` from the gradient.
    @inline(__always)
    func update<L: Lanes>(
        _ pointers: (value: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                     first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>),
        at i: Int, lanes: L.Type
    ) where L.Value: AdamLaneArithmetic {
        let value = L.load(pointers.value + i)
        let g = L.load(pointers.gradient + i) + L.splat(weightDecay) * value
        let m = L.splat(beta1) * L.load(pointers.first + i) + L.splat(1 - beta1) * g
        let v = L.splat(beta2) * L.load(pointers.second + i) + L.splat(1 - beta2) * g * g
        L.store(m, pointers.first + i)
        L.store(v, pointers.second + i)
        let denominator = v.squareRoot() / L.splat(correction2Root) + L.splat(epsilon)
        L.store(value - L.splat(stepSize) * m / denominator, pointers.value + i)
    }
}

/// Division and square root, which Adam needs beyond `LaneArithmetic`.
protocol AdamLaneArithmetic: LaneArithmetic {
    static func / (lhs: Self, rhs: Self) -> Self
    func squareRoot() -> Self
}

extension Float: AdamLaneArithmetic {}
extension SIMD8: AdamLaneArithmetic where Scalar == Float {}
