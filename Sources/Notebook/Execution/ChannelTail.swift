import Foundation
import LessonKit

/// Follows a running program's channel file, reading only what was appended since the last
/// look: what `lessons` shows while a lesson runs.
struct ChannelTail {
    let path: String
    private var offset: UInt64 = 0
    /// The start of a line whose newline has not arrived yet.
    private var pending = Data()

    init(path: String) {
        self.path = path
    }

    /// The events in the lines completed since the last call (see `ChannelFile.events(inLines:)`
    /// for lines that are not events).
    mutating func newEvents() -> [ChannelEvent] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        let data = handle.readDataToEndOfFile()
        offset += UInt64(data.count)
        pending.append(data)
        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = pending[..<lastNewline]
        pending = Data(pending[(lastNewline + 1)...])
        return ChannelFile.events(inLines: Data(complete))
    }
}
