import Foundation

/// A value in a channel record: the few JSON types the runner reads.
public enum ChannelValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)

    /// The value as JSON text.
    var json: String {
        switch self {
        case .string(let text): JSONText.quoted(text)
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? "\(value)" : JSONText.quoted("\(value)")
        case .bool(let value): value ? "true" : "false"
        }
    }
}

/// The structured side channel from an experiment program to the runner: one JSON object per
/// line, appended to the file named by the `LESSONS_CHANNEL` environment variable.
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

    /// Appends one record. Keys are written in sorted order so records are reproducible.
    public func send(_ record: [String: ChannelValue]) {
        guard let descriptor else { return }
        let body = record.keys.sorted().map { "\(JSONText.quoted($0)):\(record[$0]!.json)" }.joined(separator: ",")
        let line = Array("{\(body)}\n".utf8)
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

/// JSON string quoting, kept here so LessonKit needs no encoder for its one-line records.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
