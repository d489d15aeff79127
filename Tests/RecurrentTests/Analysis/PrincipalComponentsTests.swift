import Testing
@testable import Recurrent

@Suite struct PrincipalComponentsTests {
    /// Points stretched along (1, 1, 0) with variance 8 and along (1, −1, 0) with variance 2:
    /// the components are those directions, largest first, with those variances.
    @Test func findsTheDirectionsOfLargestVariance() {
        var points: [[Double]] = []
        for (a, b) in [(2.0, 1.0), (-2, 1), (2, -1), (-2, -1)] {
            // a along u = (1,1,0)/√2, b along v = (1,−1,0)/√2, plus an offset that centring removes.
            let u = a / 2.0.squareRoot(), v = b / 2.0.squareRoot()
            points.append([u + v + 5, u - v - 3, 7])
        }
        let pca = PrincipalComponents(of: points, count: 2)
        let s = 1 / 2.0.squareRoot()
        for (actual, expected) in zip(pca.components[0], [s, s, 0]) { #expect(abs(actual - expected) < 1e-9) }
        for (actual, expected) in zip(pca.components[1], [s, -s, 0]) { #expect(abs(actual - expected) < 1e-9) }
        // Variances with divisor n − 1 = 3: 4·4/3 and 4·1/3.
        #expect(abs(pca.variances[0] - 16.0 / 3) < 1e-9 && abs(pca.variances[1] - 4.0 / 3) < 1e-9)
        #expect(abs(pca.explainedShares[0] - 0.8) < 1e-9 && abs(pca.explainedShares[1] - 0.2) < 1e-9)
        #expect(abs(pca.projections[0][0] - 2) < 1e-9 && abs(pca.projections[0][1] - 1) < 1e-9)
        #expect(pca.mean == [5, -3, 7])
    }

    @Test func isDeterministic() {
        var generator = RandomGenerator(seed: 81)
        let points = (0..<50).map { _ in (0..<6).map { _ in generator.normal() } }
        let first = PrincipalComponents(of: points, count: 3), second = PrincipalComponents(of: points, count: 3)
        #expect(first.components == second.components && first.projections == second.projections)
        // Components are orthonormal.
        for i in 0..<3 {
            for j in 0..<3 {
                let dot = zip(first.components[i], first.components[j]).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-6)
            }
        }
        #expect(first.variances[0] >= first.variances[1] && first.variances[1] >= first.variances[2])
    }
}
