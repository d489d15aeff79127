/// The least-squares straight line `y ≈ intercept + slope · x` through points: the rate at
/// which a quantity grows or, fitted to logarithms, the factor by which it shrinks per step.
///
///     let fit = LinearFit(x: distances, y: norms.map { log($0) })
///     let factorPerStep = exp(fit.slope)
public struct LinearFit: Equatable, Sendable {
    public let slope: Double
    public let intercept: Double
    /// The share of the variance of `y` the line explains, from 0 to 1.
    public let rSquared: Double

    public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(x: [X], y: [Y]) {
        precondition(x.count == y.count && x.count >= 2, "LinearFit: needs at least two points, got \(x.count) x and \(y.count) y")
        let xs = x.map { Double($0) }, ys = y.map { Double($0) }
        let count = Double(xs.count)
        let meanX = xs.reduce(0, +) / count
        let meanY = ys.reduce(0, +) / count
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (xi, yi) in zip(xs, ys) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
            syy += (yi - meanY) * (yi - meanY)
        }
        precondition(sxx > 0, "LinearFit: all x values are equal")
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        rSquared = syy > 0 ? sxy * sxy / (sxx * syy) : 1
    }

    /// The line's value at `x`.
    public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }
}
