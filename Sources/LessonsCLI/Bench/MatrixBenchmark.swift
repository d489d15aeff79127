import Foundation
import Recurrent
import CEngineSupport

/// The matrix product on its own, and the core's peak: how close the kernel comes to what
/// the hardware can do.
enum MatrixBenchmark {
    /// GFLOP/s of `[m, k] · [k, n]` products, median of `repetitions` after a warm-up (`WarmUp`).
    static func matmul(m: Int, k: Int, n: Int, repetitions: Int) -> Double {
        var generator = RandomGenerator(seed: 2)
        let a = Tensor.uniform([m, k], -1, 1, generator: &generator)
        let b = Tensor.uniform([k, n], -1, 1, generator: &generator)
        WarmUp.run { _ = a.matmul(b) }
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = a.matmul(b)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * Double(m * k * n) / times.sorted()[times.count / 2] / 1e9
    }

    /// The practical peak of one core for the vector width the matrix kernel uses.
    static func peak() -> Double {
        Engine.usesWideVectors ? fma_peak_wide_gflops() : narrowPeak()
    }

    /// GFLOP/s of independent fused multiply-adds on 8-wide vectors held in registers.
    static func narrowPeak() -> Double {
        var accumulators = [SIMD8<Float>](repeating: SIMD8(repeating: 1), count: 12)
        let multiplier = SIMD8<Float>(repeating: 0.999_999)
        let addend = SIMD8<Float>(repeating: 1e-7)
        let iterations = 20_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        accumulators.withUnsafeMutableBufferPointer { registers in
            var r0 = registers[0], r1 = registers[1], r2 = registers[2], r3 = registers[3]
            var r4 = registers[4], r5 = registers[5], r6 = registers[6], r7 = registers[7]
            var r8 = registers[8], r9 = registers[9], r10 = registers[10], r11 = registers[11]
            for _ in 0..<iterations {
                r0 = r0.addingProduct(r0, multiplier); r1 = r1.addingProduct(r1, multiplier)
                r2 = r2.addingProduct(r2, multiplier); r3 = r3.addingProduct(r3, multiplier)
                r4 = r4.addingProduct(r4, multiplier); r5 = r5.addingProduct(r5, multiplier)
                r6 = r6.addingProduct(r6, multiplier); r7 = r7.addingProduct(r7, multiplier)
                r8 = r8.addingProduct(r8, multiplier); r9 = r9.addingProduct(r9, multiplier)
                r10 = r10.addingProduct(r10, multiplier); r11 = r11.addingProduct(r11, multiplier)
                r0 += addend
            }
            registers[0] = r0; registers[1] = r1; registers[2] = r2; registers[3] = r3
            registers[4] = r4; registers[5] = r5; registers[6] = r6; registers[7] = r7
            registers[8] = r8; registers[9] = r9; registers[10] = r10; registers[11] = r11
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Keep the result alive so the loop is not removed.
        if accumulators.reduce(0, { $0 + $1.sum() }).isNaN { print("") }
        return Double(iterations) * 12 * 8 * 2 / seconds / 1e9
    }
}
