import Foundation

/// The engine's one source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Every initialiser, data set and dropout mask takes a generator `inout`, so a run is a pure
/// function of its seed: same seed, same bits, on every machine and at every thread count.
/// The algorithms are fixed here rather than borrowed from the standard library, whose
/// shuffling and sampling algorithms may change between Swift releases.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        // SplitMix64 spreads any seed, including 0, over the 256-bit state.
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A value drawn uniformly from `[0, 1)` with 24 bits of precision (every value is exactly
    /// representable as a `Float`).
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A value drawn uniformly from `[lower, upper)`.
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * nextUnitFloat()
    }

    /// A value drawn from the normal distribution (Box–Muller in `Double`, one draw per call).
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        // 53-bit uniforms; u1 is kept away from 0 so the logarithm is finite.
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot()
        return mean + standardDeviation * Float(radius * cos(2 * Double.pi * u2))
    }

    /// An integer drawn uniformly from `range` without modulo bias (Lemire's method).
    public mutating func integer(in range: Range<Int>) -> Int {
        require(!range.isEmpty, "integer(in:): empty range \(range)")
        let span = UInt64(range.upperBound - range.lowerBound)
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold { product = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound + Int(product.high)
    }

    /// An integer drawn uniformly from a closed range.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        integer(in: range.lowerBound..<(range.upperBound + 1))
    }

    /// An index drawn with probability proportional to `weights[index]` (non-negative, not
    /// all zero), by inverting the cumulative sum in `Double`.
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        require(total > 0 && weights.allSatisfy { $0 >= 0 }, "categorical: weights must be non-negative and not all zero")
        let target = Double(next() >> 11) * 0x1p-53 * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// The elements of `array` in an order drawn uniformly (Fisher–Yates, last to first).
    public mutating func shuffled<Element>(_ array: [Element]) -> [Element] {
        var result = array
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, integer(in: 0...index))
            index -= 1
        }
        return result
    }

    private func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
