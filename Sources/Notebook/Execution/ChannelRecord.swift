import Foundation

/// One line of the channel an experiment program writes (see LessonKit's `OutputChannel`).
struct OutputChannelRecord {
    let fields: [String: Any]

    var event: String? { fields["event"] as? String }
    func integer(_ key: String) -> Int? { (fields[key] as? NSNumber)?.intValue }

    /// Every well-formed record in the file, in order; a missing file has none. A torn last line
    /// (the program died mid-write) is skipped.
    static func read(from path: String) -> [OutputChannelRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]).map(OutputChannelRecord.init)
        }
    }
}
