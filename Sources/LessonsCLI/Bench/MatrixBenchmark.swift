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

    /// GFLOP/s of independent fused multiply-adds on 8-wide vectors held in registers: twelve
    /// chains `r = r · m + a` (enough to keep two FMA units busy at a latency of four or five
    /// cycles), nothing else in the loop. It used to add `a` to one chain once more per
    /// iteration, which made that chain an FMA plus an addition long, 7 cycles on an AMD Zen 3
    /// where the twelve FMAs take 6 (8 where an addition takes 4 cycles, as on Intel's recent
    /// cores): the "peak" read low (79–82 GFLOP/s against 94–95 measured this way, in turn, on
    /// an AMD EPYC Zen 3), so every "% of peak" of the 8-wide path read high. (The 16-wide
    /// peak, `fma_peak_wide_gflops`, is written this way.)
    static func narrowPeak() -> Double {
        // Each chain starts from its own value, so no compiler could take two for one.
        var accumulators = (0..<12).map { SIMD8<Float>(repeating: 1 + Float($0) / 64) }
        let multiplier = SIMD8<Float>(repeating: 0.999_999)
        let addend = SIMD8<Float>(repeating: 1e-7)
        let iterations = 20_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        accumulators.withUnsafeMutableBufferPointer { registers in
            var r0 = registers[0], r1 = registers[1], r2 = registers[2], r3 = registers[3]
            var r4 = registers[4], r5 = registers[5], r6 = registers[6], r7 = registers[7]
            var r8 = registers[8], r9 = registers[9], r10 = registers[10], r11 = registers[11]
            for _ in 0..<iterations {
                r0 = addend.addingProduct(r0, multiplier); r1 = addend.addingProduct(r1, multiplier)
                r2 = addend.addingProduct(r2, multiplier); r3 = addend.addingProduct(r3, multiplier)
                r4 = addend.addingProduct(r4, multiplier); r5 = addend.addingProduct(r5, multiplier)
                r6 = addend.addingProduct(r6, multiplier); r7 = addend.addingProduct(r7, multiplier)
                r8 = addend.addingProduct(r8, multiplier); r9 = addend.addingProduct(r9, multiplier)
                r10 = addend.addingProduct(r10, multiplier); r11 = addend.addingProduct(r11, multiplier)
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
