import Foundation
import LessonKit

/// The channel file an experiment program appends its `ChannelEvent`s to, read by `lessons`.
enum ChannelFile {
    /// Every event in the file at `path`, in order; a missing file has none.
    static func events(at path: String) -> [ChannelEvent] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return events(inLines: data)
    }

    /// The events of the newline-separated `lines`. A line that is not an event is skipped: a
    /// torn last line (the program died mid-write) or a kind of record this build does not know
    /// must not cost the lesson its other records.
    static func events(inLines lines: Data) -> [ChannelEvent] {
        lines.split(separator: UInt8(ascii: "\n")).compactMap { try? ChannelEvent(line: $0) }
    }
}
