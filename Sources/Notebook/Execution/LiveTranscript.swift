import Foundation
import LessonKit

/// A running program's output as terminal text, as it arrives: a header line when a block
/// begins, what the block printed, and the tables it emitted where it emitted them. Standard
/// error goes to its own stream, as it comes. `lessons run` shows this while the lesson runs,
/// so what a block printed is on the screen even if the lesson is stopped half-way.
final class LiveTranscript: @unchecked Sendable {
    private let lesson: Lesson
    private let files: ProgramFiles
    private let write: @Sendable (_ text: String, _ isError: Bool) -> Void
    private let lock = NSLock()
    private var channel: ChannelTail
    /// Events read but not yet shown, because the output before them has not arrived.
    private var queued: [ChannelEvent] = []
    private var shownOutput = 0
    private var shownErrors = 0

    init(lesson: Lesson, files: ProgramFiles, write: @escaping @Sendable (_ text: String, _ isError: Bool) -> Void) {
        self.lesson = lesson
        self.files = files
        self.write = write
        channel = ChannelTail(path: files.channel)
    }

    /// The header printed when block `index` begins.
    static func header(for block: ExperimentBlock, in lesson: Lesson) -> String {
        "── \(lesson.path):\(block.fenceLine)" + (block.options.id.map { " (\($0))" } ?? "") + "\n"
    }

    /// The header printed when a run of an exercise begins.
    static func header(for exercise: Exercise, part: ExercisePart, in lesson: Lesson) -> String {
        switch part {
        case .solution:
            "── \(lesson.path):\(exercise.solution?.fenceLine ?? exercise.starter.fenceLine) exercise \(exercise.number): the solution\n"
        case .attempt:
            "── \(lesson.path):\(exercise.starter.fenceLine) exercise \(exercise.number): "
                + (lesson.isExerciseScratch ? "your answer" : "the starter") + "\n"
        }
    }

    /// Shows whatever arrived since the last call.
    func poll() {
        lock.withLock {
            // Sizes first: a record read after them can only point at or past them.
            let outputSize = Self.size(of: files.standardOutput)
            let errorSize = Self.size(of: files.standardError)
            // Only the events that mark a place in the output are shown, in order with it.
            queued += channel.newEvents().filter { $0.streams != nil }
            while let event = queued.first, let streams = event.streams {
                guard streams.standardOutput <= outputSize else { break }
                queued.removeFirst()
                showOutput(upTo: streams.standardOutput)
                switch event {
                case .block(let index, _):
                    if let block = lesson.blocks.first(where: { $0.index == index }) {
                        write(Self.header(for: block, in: lesson), false)
                    }
                case .exercise(let index, let part, _):
                    if lesson.exercises.indices.contains(index) {
                        write(Self.header(for: lesson.exercises[index], part: part, in: lesson), false)
                    }
                case .markdown(let text, _):
                    write(text + "\n", false)
                default:
                    break
                }
            }
            if queued.isEmpty { showOutput(upTo: outputSize) }
            if errorSize > shownErrors {
                write(Self.text(of: files.standardError, from: shownErrors, to: errorSize), true)
                shownErrors = errorSize
            }
        }
    }

    private func showOutput(upTo offset: Int) {
        guard offset > shownOutput else { return }
        write(Self.text(of: files.standardOutput, from: shownOutput, to: offset), false)
        shownOutput = offset
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    private static func text(of path: String, from start: Int, to end: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(start))
        let data = (try? handle.read(upToCount: end - start)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
