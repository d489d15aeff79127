#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// The calls a generated experiment program makes around the lesson's blocks.
///
/// The runner generates `ExperimentSession.start()` first, `beginBlock(_:)` before each
/// block and `finish()` last. When run by `lessons`, these report to the runner's channel;
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
        OutputChannel.shared.send(["event": .string("start")])
    }

    /// Marks the start of block `index` (0-based, in lesson order): all output from here until
    /// the next mark belongs to this block.
    public static func beginBlock(_ index: Int) {
        var record = streamPositions()
        record["event"] = .string("block")
        record["index"] = .integer(index)
        OutputChannel.shared.send(record)
    }

    /// Marks that every block ran to its end.
    public static func finish() {
        var record = streamPositions()
        record["event"] = .string("finish")
        OutputChannel.shared.send(record)
    }

    /// Byte offsets of standard output and standard error now, after flushing: where the
    /// runner cuts a block's output.
    private static func streamPositions() -> [String: ChannelValue] {
        fflush(stdout)
        return [
            "stdout": .integer(Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))),
            "stderr": .integer(Int(lseek(STDERR_FILENO, 0, SEEK_CUR))),
        ]
    }

    static func record(_ name: String, value: ChannelValue, allowNonFinite: Bool = false, file: String, line: Int) {
        var record: [String: ChannelValue] = ["event": .string("record"), "name": .string(name), "value": value,
                                              "file": .string(file), "line": .integer(line)]
        if allowNonFinite { record["nonFinite"] = .bool(true) }
        OutputChannel.shared.send(record)
    }

    static func claim(_ text: String, holds: Bool, detail: String?, file: String, line: Int) {
        var record: [String: ChannelValue] = [
            "event": .string("claim"), "claim": .string(text), "holds": .bool(holds),
            "file": .string(file), "line": .integer(line),
        ]
        if let detail { record["detail"] = .string(detail) }
        if OutputChannel.shared.isConnected {
            OutputChannel.shared.send(record)
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
        var record = streamPositions()
        record["event"] = .string("markdown")
        record["text"] = .string(markdown)
        OutputChannel.shared.send(record)
    }

    /// Reports progress of a long loop to the runner (shown live in a terminal, never on the
    /// page). Run on its own in a terminal, the program shows it on standard error.
    static func progress(_ label: String, done: Int, total: Int) {
        if OutputChannel.shared.isConnected {
            OutputChannel.shared.send(["event": .string("progress"), "label": .string(label),
                                       "done": .integer(done), "total": .integer(total)])
        } else if isatty(STDERR_FILENO) != 0 {
            fputs("\r\(label) \(done)/\(total)" + (done >= total ? "\n" : ""), stderr)
        }
    }
}
