import Foundation
import Testing
import WideKernels
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

    /// A value gets the same bits from the 16-wide, the 8-wide and the scalar path.
    @Test func vectorAndScalarPathsAgreeBitForBit() {
        var generator = RandomGenerator(seed: 1)
        for _ in 0..<2_000 {
            let values = SIMD16<Float>((0..<16).map { _ in generator.uniform(-10, 10) * (generator.nextUnitFloat() < 0.1 ? 1e-4 : 1) })
            let (tanh16, sigmoid16) = (FastMath.tanh(values), FastMath.sigmoid(values))
            let tanh8 = SIMD16(lowHalf: FastMath.tanh(values.lowHalf), highHalf: FastMath.tanh(values.highHalf))
            let sigmoid8 = SIMD16(lowHalf: FastMath.sigmoid(values.lowHalf), highHalf: FastMath.sigmoid(values.highHalf))
            for lane in 0..<16 {
                let (tanh1, sigmoid1) = (FastMath.tanh(values[lane]).bitPattern, FastMath.sigmoid(values[lane]).bitPattern)
                #expect(tanh16[lane].bitPattern == tanh1 && tanh8[lane].bitPattern == tanh1)
                #expect(sigmoid16[lane].bitPattern == sigmoid1 && sigmoid8[lane].bitPattern == sigmoid1)
            }
        }
    }

    /// The values the clamp decides on get the same bits on every path too: either side of
    /// ±clamp, infinities, signed zeros, and a NaN with a payload (kept a NaN).
    @Test func clampEdgesAgreeBitForBit() {
        let clamp = RationalTanh.clamp
        let payload = Float(bitPattern: 0x7FC0_1234)
        let edges: [Float] = [
            clamp, -clamp, clamp.nextUp, clamp.nextDown, (-clamp).nextUp, (-clamp).nextDown,
            Float.infinity, -Float.infinity, 0, -Float(0), Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude,
            payload, -payload, 2 * clamp, -2 * clamp,
        ]
        let values = SIMD16<Float>(edges)
        for (name, function16, function8, function1) in [
            ("tanh", FastMath.tanh as (SIMD16<Float>) -> SIMD16<Float>, FastMath.tanh as (SIMD8<Float>) -> SIMD8<Float>,
             FastMath.tanh as (Float) -> Float),
            ("sigmoid", FastMath.sigmoid, FastMath.sigmoid, FastMath.sigmoid),
        ] {
            let wide = function16(values)
            let narrow = SIMD16(lowHalf: function8(values.lowHalf), highHalf: function8(values.highHalf))
            for lane in 0..<16 {
                let scalar = function1(edges[lane])
                if scalar.isNaN {
                    #expect(wide[lane].isNaN && narrow[lane].isNaN, "\(name)(\(edges[lane]))")
                } else {
                    #expect(wide[lane].bitPattern == scalar.bitPattern && narrow[lane].bitPattern == scalar.bitPattern,
                            "\(name)(\(edges[lane])): \(wide[lane]) \(narrow[lane]) \(scalar)")
                }
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
        let sixteen = FastMath.tanh(SIMD16<Float>(lowHalf: SIMD8(repeating: 1), highHalf: SIMD8(.nan, 1, .infinity, -.infinity, 0, -0.5, 100, .nan)))
        #expect(sixteen[8].isNaN && sixteen[15].isNaN && sixteen[10] == 1 && sixteen[11] == -1 && sixteen[12] == 0)
    }
}
