import Foundation

/// The structured side channel from an experiment program to the runner: one `ChannelEvent`
/// per line, appended to the file named by the `LESSONS_CHANNEL` environment variable.
///
/// A separate file keeps structured records apart from whatever the lesson prints, so no
/// printed text can be mistaken for a record. Without the variable, records are dropped.
public final class OutputChannel: @unchecked Sendable {
    /// The environment variable holding the channel file's path.
    public static let environmentVariable = "LESSONS_CHANNEL"

    /// The channel of this process.
    public static let shared = OutputChannel(path: ProcessInfo.processInfo.environment[environmentVariable])

    private let descriptor: Int32?
    private let lock = NSLock()

    /// A channel appending to `path`, or a silent one when `path` is `nil`.
    public init(path: String?) {
        if let path {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            descriptor = fd >= 0 ? fd : nil
        } else {
            descriptor = nil
        }
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Whether records go anywhere: `false` when the program runs outside `lessons`.
    public var isConnected: Bool { descriptor != nil }

    /// Appends `event` as one line (see `ChannelEvent.line`).
    public func send(_ event: ChannelEvent) {
        guard let descriptor else { return }
        let line = event.line
        lock.lock()
        defer { lock.unlock() }
        // One write per record: with O_APPEND a record is never interleaved with another.
        line.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result <= 0 { break }
                written += result
            }
        }
    }
}
