import ArgumentParser
import Foundation
import Recurrent

/// `lessons bench`: how fast the engine trains, in the configurations the lessons use.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time full training steps (forward, BPTT backward, Adam update) and the matrix product.",
        discussion: """
            Run the release build. Prints milliseconds per step, sequences per second and \
            achieved GFLOP/s for each configuration, then the matrix product against the core's \
            peak. `benchmarks/compare.sh` runs this beside benchmarks/pytorch_reference.py and \
            prints the ratios. With --json, one JSON object per configuration for scripts.
            """
    )

    @Option(help: "Timed steps per configuration (the median is reported).")
    var repetitions = 7

    @Option(help: "Threads the engine may use.")
    var threads = 1

    @Flag(help: "Print JSON lines instead of a table.")
    var json = false

    @Option(help: "Run only the configuration with this name, or only the matrix product with \"matmul\" (for profiling, and for benchmarks/compare.sh, which alternates with PyTorch).")
    var only: String?

    func validate() throws {
        let names = TrainingBenchmark.standard.map(\.name) + ["matmul"]
        if let only, !names.contains(only) {
            throw ValidationError("no configuration named '\(only)'; the names are \(names.joined(separator: ", "))")
        }
    }

    func run() throws {
        Engine.threadCount = threads
        var rows: [[String]] = []
        for benchmark in TrainingBenchmark.standard where only == nil || benchmark.name == only {
            let result = benchmark.run(repetitions: repetitions)
            if json {
                print("{\"name\":\"\(benchmark.name)\",\"threads\":\(threads),\"ms\":\(result.millisecondsPerStep),\"sequences_per_second\":\(result.sequencesPerSecond),\"gflops\":\(result.gflops)}")
            } else {
                rows.append([benchmark.name, String(format: "%.2f", result.millisecondsPerStep),
                             String(format: "%.0f", result.sequencesPerSecond), String(format: "%.1f", result.gflops)])
            }
            fflush(nil)
        }
        if only != nil && only != "matmul" {
            for row in rows { print(row.joined(separator: "  ")) }
            return
        }
        // 25 products (as benchmarks/pytorch_reference.py times): with 9, a slow tenth of a
        // second on this project's shared machines moved the median.
        let gemm = MatrixBenchmark.matmul(m: 512, k: 512, n: 512, repetitions: 25)
        let small = MatrixBenchmark.matmul(m: 32, k: 128, n: 512, repetitions: 201)
        let peak = MatrixBenchmark.peak()
        if json {
            print("{\"name\":\"matmul-512\",\"threads\":\(threads),\"gflops\":\(gemm),\"peak_gflops\":\(peak)}")
            print("{\"name\":\"matmul-32x128x512\",\"threads\":\(threads),\"gflops\":\(small),\"peak_gflops\":\(peak)}")
            return
        }
        if only == "matmul" {
            print(String(format: "matrix product 512³: %.1f GFLOP/s; 32×128·128×512: %.1f GFLOP/s; one core's FMA peak: %.1f GFLOP/s",
                         gemm, small, peak))
            return
        }
        print("training step (forward, BPTT, Adam), \(threads) thread\(threads == 1 ? "" : "s"):")
        print("configuration        ms/step   sequences/s   GFLOP/s")
        for row in rows {
            print(row[0].padding(toLength: 18, withPad: " ", startingAt: 0)
                  + row[1].leftPadded(9) + row[2].leftPadded(14) + row[3].leftPadded(10))
        }
        print(String(format: "matrix product 512³: %.1f GFLOP/s; 32×128·128×512: %.1f GFLOP/s; one core's FMA peak: %.1f GFLOP/s (%.0f%% / %.0f%%)",
                     gemm, small, peak, 100 * gemm / peak, 100 * small / peak))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
