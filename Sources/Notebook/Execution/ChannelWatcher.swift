import Foundation

/// Follows a running program's channel file to tell which block it is in and how far its
/// latest progress report got, reading only what was appended since the last look.
final class ChannelWatcher: @unchecked Sendable {
    private let path: String
    private var offset: UInt64 = 0
    private var pending = Data()
    private var block: Int?
    private var progress: (label: String, done: Int, total: Int)?

    init(path: String) {
        self.path = path
    }

    func status() -> LessonRunner.Status {
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            try? handle.seek(toOffset: offset)
            let data = handle.readDataToEndOfFile()
            offset += UInt64(data.count)
            pending.append(data)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                switch record["event"] as? String {
                case "block":
                    block = (record["index"] as? NSNumber)?.intValue
                    progress = nil
                case "progress":
                    progress = (record["label"] as? String ?? "",
                                (record["done"] as? NSNumber)?.intValue ?? 0, (record["total"] as? NSNumber)?.intValue ?? 0)
                default:
                    break
                }
            }
        }
        return .running(block: block, progress: progress)
    }
}
