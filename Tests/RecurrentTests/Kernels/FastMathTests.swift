import Foundation
import Testing
@testable import Recurrent

@Suite struct FastMathTests {
    /// Against tanh in Double on a dense grid: within a few units in the last place everywhere.
    @Test func tanhIsAccurate() {
        var worstAbsolute: Double = 0
        var worstRelative: Double = 0
        // An even grid over [-12, 12], and a geometric one towards zero, where relative error matters.
        let grid = (0...200_000).map { Float(-12 + 24 * Double($0) / 200_000) }
            + (0...400).flatMap { exponent -> [Float] in
                let magnitude = Float(pow(10, -8 + Double(exponent) / 50))
                return [magnitude, -magnitude]
            }
        for x in grid {
            let exact = Foundation.tanh(Double(x))
            let approximate = Double(FastMath.tanh(x))
            worstAbsolute = max(worstAbsolute, abs(approximate - exact))
            if abs(exact) > 1e-30 { worstRelative = max(worstRelative, abs(approximate - exact) / abs(exact)) }
        }
        #expect(worstAbsolute < 3e-7, "absolute error \(worstAbsolute)")
        #expect(worstRelative < 1e-6, "relative error \(worstRelative)")
    }

    @Test func sigmoidIsAccurate() {
        var worst: Double = 0
        for index in -20_000...20_000 {
            let x = Float(index) / 1000
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            worst = max(worst, abs(Double(FastMath.sigmoid(x)) - exact))
        }
        #expect(worst < 3e-7, "absolute error \(worst)")
    }

    /// A value gets the same bits from the vector and the scalar path.
    @Test func vectorAndScalarPathsAgreeBitForBit() {
        var generator = RandomGenerator(seed: 1)
        for _ in 0..<2_000 {
            let values = SIMD8<Float>((0..<8).map { _ in generator.uniform(-10, 10) * (generator.nextUnitFloat() < 0.1 ? 1e-4 : 1) })
            let vector = FastMath.tanh(values)
            let sigmoids = FastMath.sigmoid(values)
            for lane in 0..<8 {
                #expect(vector[lane].bitPattern == FastMath.tanh(values[lane]).bitPattern)
                #expect(sigmoids[lane].bitPattern == FastMath.sigmoid(values[lane]).bitPattern)
            }
        }
    }

    @Test func extremesAndNaN() {
        #expect(FastMath.tanh(Float(100)) == 1 && FastMath.tanh(Float(-100)) == -1)
        #expect(FastMath.sigmoid(Float(-100)) == 0 && FastMath.sigmoid(Float(100)) == 1)
        #expect(FastMath.tanh(Float.nan).isNaN && FastMath.sigmoid(Float.nan).isNaN)
        let vector = FastMath.tanh(SIMD8<Float>(.nan, 1, .infinity, -.infinity, 0, -0.5, 100, .nan))
        #expect(vector[0].isNaN && vector[7].isNaN && vector[2] == 1 && vector[3] == -1 && vector[4] == 0)
        #expect(FastMath.sigmoid(SIMD8<Float>(repeating: .nan))[3].isNaN)
    }
}
