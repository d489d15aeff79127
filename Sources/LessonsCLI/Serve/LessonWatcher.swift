import Foundation

/// Notices when a lesson or data file is added, removed or saved, by comparing modification
/// times and sizes between looks (portable, and cheap for a few dozen files).
final class LessonWatcher {
    private let directory: URL
    private var snapshot: [String: String]

    init(directory: URL) {
        self.directory = directory
        snapshot = [:]
        snapshot = take()
    }

    /// Whether anything changed since the last look.
    func changed() -> Bool {
        let current = take()
        defer { snapshot = current }
        return current != snapshot
    }

    private func take() -> [String: String] {
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else {
            return result
        }
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            result[url.path] = "\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0) \(values?.fileSize ?? 0)"
        }
        return result
    }
}
