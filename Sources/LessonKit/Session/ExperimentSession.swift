#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// The calls a generated experiment program makes around the lesson's blocks.
///
/// The runner generates `ExperimentSession.start()` first, `beginBlock(_:)` before each
/// block, `beginExercise(_:_:)` before each run of an exercise and `finish()` last. When run by `lessons`, these report to the runner's channel;
/// when the program runs on its own (no channel), they do nothing visible.
public enum ExperimentSession {
    /// The environment variable through which the runner passes the lesson's `seed`.
    public static let seedVariable = "LESSONS_SEED"

    /// Prepares standard output for a runner that attributes output to blocks.
    ///
    /// Output is made line-buffered so that, if the program traps, every complete line printed
    /// before the trap has reached the runner.
    public static func start() {
        setvbuf(stdout, nil, _IOLBF, 0)
        OutputChannel.shared.send(.start)
    }

    /// Marks the start of block `index` (0-based, in lesson order): all output from here until
    /// the next mark belongs to this block.
    public static func beginBlock(_ index: Int) {
        OutputChannel.shared.send(.block(index: index, streams: streamPositions()))
    }

    /// Marks the start of part `part` of exercise `index` (0-based, in lesson order): the output
    /// and claims from here until the next mark belong to that run of the exercise.
    public static func beginExercise(_ index: Int, _ part: ExercisePart) {
        OutputChannel.shared.send(.exercise(index: index, part: part, streams: streamPositions()))
    }

    /// Marks that every block ran to its end.
    public static func finish() {
        OutputChannel.shared.send(.finish(streams: streamPositions()))
    }

    /// Byte offsets of standard output and standard error now, after flushing: where the
    /// runner cuts a block's output.
    private static func streamPositions() -> StreamPositions {
        fflush(stdout)
        return StreamPositions(
            standardOutput: Int(lseek(STDOUT_FILENO, 0, SEEK_CUR)), standardError: Int(lseek(STDERR_FILENO, 0, SEEK_CUR)))
    }

    static func record(
        _ name: String, value: ChannelEvent.RecordedValue, allowNonFinite: Bool = false, file: String, line: Int
    ) {
        OutputChannel.shared.send(.record(name: name, value: value, allowsNonFinite: allowNonFinite, file: file, line: line))
    }

    static func claim(_ text: String, holds: Bool, detail: String?, file: String, line: Int) {
        if OutputChannel.shared.isConnected {
            OutputChannel.shared.send(.claim(text: text, holds: holds, detail: detail, file: file, line: line))
        } else if !holds {
            // Run on its own, a false claim still says so.
            fputs("\(file):\(line): claim failed: \(text)\(detail.map { " (\($0))" } ?? "")\n", stderr)
        }
    }

    /// Puts Markdown (a table) into the lesson at this point of the block's output. Run on its
    /// own, the program prints `plainText` instead.
    public static func emitMarkdown(_ markdown: String, plainText: String) {
        guard OutputChannel.shared.isConnected else {
            print(plainText)
            return
        }
        OutputChannel.shared.send(.markdown(text: markdown, streams: streamPositions()))
    }

    /// Reports progress of a long loop to the runner (shown live in a terminal, never on the
    /// page). Run on its own in a terminal, the program shows it on standard error.
    static func progress(_ label: String, done: Int, total: Int) {
        if OutputChannel.shared.isConnected {
            OutputChannel.shared.send(.progress(label: label, done: done, total: total))
        } else if isatty(STDERR_FILENO) != 0 {
            fputs("\r\(label) \(done)/\(total)" + (done >= total ? "\n" : ""), stderr)
        }
    }
}
