/// Principal component analysis: the directions along which a cloud of points varies most,
/// for drawing high-dimensional hidden states in two dimensions.
///
///     let pca = PrincipalComponents(of: states, count: 2)    // states: [points][features]
///     let (x, y) = (pca.projections.map { $0[0] }, pca.projections.map { $0[1] })
///
/// Computed in `Double` by power iteration on the covariance matrix with deflation, from a
/// fixed starting vector, so the result is deterministic. Each component's sign is chosen so
/// that its largest entry is positive.
public struct PrincipalComponents: Sendable {
    /// `[count][features]`: unit-length directions, largest variance first.
    public let components: [[Double]]
    /// The variance of the points along each component.
    public let variances: [Double]
    /// The share of the total variance each component explains.
    public let explainedShares: [Double]
    /// `[points][count]`: each point's coordinates along the components, after centring.
    public let projections: [[Double]]
    /// `[features]`: the mean point, subtracted before projecting.
    public let mean: [Double]

    public init<Value: BinaryFloatingPoint>(of points: [[Value]], count: Int) {
        let n = points.count
        let d = points.first?.count ?? 0
        require(n >= 2 && d >= count && count >= 1 && points.allSatisfy { $0.count == d },
                "PrincipalComponents: needs at least 2 points of equal length ≥ \(count), got \(n) points")
        let data = points.map { $0.map { Double($0) } }
        var mean = [Double](repeating: 0, count: d)
        for point in data { for j in 0..<d { mean[j] += point[j] } }
        mean = mean.map { $0 / Double(n) }
        let centred = data.map { point in (0..<d).map { point[$0] - mean[$0] } }
        // Covariance [d, d], divisor n − 1.
        var covariance = [Double](repeating: 0, count: d * d)
        for point in centred {
            for a in 0..<d where point[a] != 0 {
                for b in 0..<d { covariance[a * d + b] += point[a] * point[b] }
            }
        }
        covariance = covariance.map { $0 / Double(n - 1) }
        let total = (0..<d).reduce(0.0) { $0 + covariance[$1 * d + $1] }

        var components: [[Double]] = []
        var variances: [Double] = []
        for _ in 0..<count {
            var vector = (0..<d).map { 1 / Double(d).squareRoot() + Double($0) * 1e-3 }
            var eigenvalue = 0.0
            for _ in 0..<5000 {
                var next = [Double](repeating: 0, count: d)
                for a in 0..<d {
                    var sum = 0.0
                    for b in 0..<d { sum += covariance[a * d + b] * vector[b] }
                    next[a] = sum
                }
                let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                next = next.map { $0 / norm }
                let change = zip(next, vector).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                vector = next
                eigenvalue = norm
                if change < 1e-24 { break }
            }
            if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
                vector = vector.map { -$0 }
            }
            // Deflate: remove this direction's variance so the next iteration finds the next one.
            for a in 0..<d { for b in 0..<d { covariance[a * d + b] -= eigenvalue * vector[a] * vector[b] } }
            components.append(vector)
            variances.append(eigenvalue)
        }
        self.components = components
        self.variances = variances
        explainedShares = variances.map { total > 0 ? $0 / total : 0 }
        projections = centred.map { point in components.map { component in zip(point, component).reduce(0) { $0 + $1.0 * $1.1 } } }
        self.mean = mean
    }
}
