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
        fflush(stdout)
        OutputChannel.shared.send([
            "event": .string("block"),
            "index": .integer(index),
            "stdout": .integer(Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))),
            "stderr": .integer(Int(lseek(STDERR_FILENO, 0, SEEK_CUR))),
        ])
    }

    /// Marks that every block ran to its end.
    public static func finish() {
        fflush(stdout)
        OutputChannel.shared.send([
            "event": .string("finish"),
            "stdout": .integer(Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))),
            "stderr": .integer(Int(lseek(STDERR_FILENO, 0, SEEK_CUR))),
        ])
    }
}
