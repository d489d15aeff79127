import Foundation

/// What several runs of one experiment — over seeds, say — have in common and how far they
/// disagree: the numbers a lesson reports instead of a single run that might mislead.
///
///     let accuracy = Summary(runs.map(\.accuracy))
///     print(accuracy.formatted(.percent(decimals: 1)))   // "93.1% ± 2.4% (n = 5)"
public struct Summary: Equatable, Sendable {
    public let values: [Double]
    public let mean: Double
    /// The sample standard deviation (divisor `n − 1`); 0 for a single value.
    public let standardDeviation: Double
    public let minimum: Double
    public let maximum: Double

    public init<Value: BinaryFloatingPoint>(_ values: [Value]) {
        precondition(!values.isEmpty, "Summary: no values to summarise")
        let doubles = values.map { Double($0) }
        self.values = doubles
        let mean = doubles.reduce(0, +) / Double(doubles.count)
        self.mean = mean
        let squares = doubles.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = doubles.count > 1 ? (squares / Double(doubles.count - 1)).squareRoot() : 0
        minimum = doubles.min()!
        maximum = doubles.max()!
    }

    public var count: Int { values.count }

    /// Half the width of the 95% confidence interval for the mean, from Student's t
    /// distribution with `n − 1` degrees of freedom: the mean is `mean ± halfWidth`. Zero for
    /// a single value, where no interval can be estimated.
    public var confidenceHalfWidth95: Double {
        guard count > 1 else { return 0 }
        return StudentT(degreesOfFreedom: Double(count - 1)).quantile(0.975) * standardDeviation / Double(count).squareRoot()
    }

    /// `"mean ± standard deviation (n = count)"`.
    public func formatted(_ format: NumberFormat = .significant(digits: 3)) -> String {
        "\(format.string(mean)) ± \(format.string(standardDeviation)) (n = \(count))"
    }

    /// `"minimum–maximum"`.
    public func range(_ format: NumberFormat = .significant(digits: 3)) -> String {
        "\(format.string(minimum))–\(format.string(maximum))"
    }
}
