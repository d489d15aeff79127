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
        return Self.studentT975(degreesOfFreedom: count - 1) * standardDeviation / Double(count).squareRoot()
    }

    /// `"mean ± standard deviation (n = count)"`.
    public func formatted(_ format: NumberFormat = .significant(digits: 3)) -> String {
        "\(format.string(mean)) ± \(format.string(standardDeviation)) (n = \(count))"
    }

    /// `"minimum–maximum"`.
    public func range(_ format: NumberFormat = .significant(digits: 3)) -> String {
        "\(format.string(minimum))–\(format.string(maximum))"
    }

    /// The 97.5th percentile of Student's t distribution: exact table values to 30 degrees of
    /// freedom, then the normal quantile with Cornish–Fisher's first correction.
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        precondition(df >= 1, "studentT975: degrees of freedom \(df) must be at least 1")
        if df <= table.count { return table[df - 1] }
        let z = 1.959964
        return z + (z * z * z + z) / (4 * Double(df))
    }
}
