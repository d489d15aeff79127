import Foundation

/// The seed set in the lesson's front matter (`seed:`), 0 if it sets none. Seed every random
/// generator of a lesson from it, so one line of front matter changes all of them:
///
///     var generator = RandomGenerator(seed: lessonSeed)
public let lessonSeed: UInt64 = ProcessInfo.processInfo.environment[ExperimentSession.seedVariable].flatMap(UInt64.init) ?? 0

/// The URL of `lessons/data/NAME`, the project's data folder. Reading data through this lets
/// the runner re-run the lesson when the file's content changes.
public func lessonData(_ name: String) -> URL {
    let path = "lessons/data/\(name)"
    OutputChannel.shared.send(.data(path: path))
    return URL(fileURLWithPath: path)
}

/// The text of `lessons/data/NAME` (see `lessonData(_:)`). A missing file stops the lesson
/// with a message naming it.
public func readLessonData(_ name: String) -> String {
    let url = lessonData(name)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        let folder = url.deletingLastPathComponent()
        let present = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let what = FileManager.default.fileExists(atPath: url.path) ? "is not UTF-8 text" : "does not exist"
        let listing = present.isEmpty ? "the folder lessons/data/ is empty or missing" : "lessons/data/ holds \(present.joined(separator: ", "))"
        fatalError("readLessonData(\"\(name)\"): lessons/data/\(name) \(what); \(listing)")
    }
    return text
}
