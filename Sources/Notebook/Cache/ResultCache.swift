import Foundation

/// Results of lessons that ran, kept so that a lesson whose experiments did not change never
/// runs again: a prose edit re-renders in milliseconds.
///
/// A result is valid while its key matches — the key covers the experiment code, the front
/// matter's execution settings, the engine and LessonKit build and the compiler (see
/// `LessonRunner.cacheKey`) — and every data file it read still has the same content.
/// Entries are written to a temporary file and renamed, so a build that stops half-way or a
/// second build running at the same time never leaves a torn entry.
public struct ResultCache: Sendable {
    public let directory: URL

    /// One stored result.
    struct Entry: Codable {
        let key: String
        let outputs: [BlockOutput]
        let values: [String: RecordedValue]
        let recordLines: [String: Int]
        /// Absent in entries made before the field existed (none allowed).
        let nonFiniteAllowed: [String]?
        let claims: [Claim]
        /// Absent in entries made before exercises existed (no exercises).
        let exercises: [ExerciseRun]?
        /// Data files read, with their content digests when the lesson ran.
        let dataFiles: [String: String]
        /// Seconds the run took.
        let seconds: Double
        /// Opening-fence lines of the code blocks that run, when the lesson ran: the lines
        /// above are moved by as much as their block has moved since (`CachedLineShift`).
        /// Entries made before the field existed are not used.
        let blockFenceLines: [Int]?
    }

    public init(directory: URL) {
        self.directory = directory
    }

    private func url(for lesson: Lesson) -> URL {
        directory.appendingPathComponent("\(lesson.slug).json")
    }

    /// The stored result for `lesson` if it was made under `key` and its data files are
    /// unchanged (paths relative to `projectRoot`).
    public func result(for lesson: Lesson, key: String, projectRoot: URL) -> ExecutedLesson? {
        guard let entry = entry(for: lesson), entry.key == key, let fences = entry.blockFenceLines,
              let shift = CachedLineShift(storedFences: fences, current: lesson) else { return nil }
        for (path, digest) in entry.dataFiles {
            guard ContentHash.ofFile(projectRoot.appendingPathComponent(path).path) == digest else { return nil }
        }
        return ExecutedLesson(
            lesson: lesson, outputs: entry.outputs, values: entry.values, recordLines: entry.recordLines.mapValues { shift($0) },
            nonFiniteAllowed: Set(entry.nonFiniteAllowed ?? []), claims: entry.claims.map { shift($0) },
            dataFiles: entry.dataFiles.keys.sorted(), exercises: (entry.exercises ?? []).map { shift($0) })
    }

    /// The values and their `record` lines from the last successful run, whatever has changed
    /// since: what the value watch compares a new run with.
    public func lastRunValues(for lesson: Lesson) -> (values: [String: RecordedValue], lines: [String: Int])? {
        entry(for: lesson).map { ($0.values, $0.recordLines) }
    }

    /// How long the lesson took the last time it ran, whatever has changed since: the basis of
    /// the time estimate shown while it runs again.
    public func lastRunSeconds(for lesson: Lesson) -> Double? {
        entry(for: lesson)?.seconds
    }

    private func entry(for lesson: Lesson) -> Entry? {
        guard let data = try? Data(contentsOf: url(for: lesson)) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// Stores a successful run.
    public func store(_ executed: ExecutedLesson, key: String, seconds: Double, projectRoot: URL) throws {
        var digests: [String: String] = [:]
        for path in executed.dataFiles {
            digests[path] = ContentHash.ofFile(projectRoot.appendingPathComponent(path).path) ?? "missing"
        }
        let entry = Entry(
            key: key, outputs: executed.outputs, values: executed.values, recordLines: executed.recordLines,
            nonFiniteAllowed: executed.nonFiniteAllowed.sorted(), claims: executed.claims, exercises: executed.exercises.isEmpty ? nil : executed.exercises,
            dataFiles: digests, seconds: seconds, blockFenceLines: CachedLineShift.fences(of: executed.lesson))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let staging = directory.appendingPathComponent(".\(executed.lesson.slug).\(getpid()).tmp")
        try encoder.encode(entry).write(to: staging)
        guard rename(staging.path, url(for: executed.lesson).path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url(for: executed.lesson).path])
        }
    }
}
