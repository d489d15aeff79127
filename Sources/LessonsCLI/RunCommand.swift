import ArgumentParser
import Foundation
import Notebook

/// `lessons run FILE`: execute one lesson and print what its blocks show, in the terminal.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one lesson's experiments and print their outputs, plots and tables in the terminal.",
        discussion: """
            Always runs the lesson (the cache is neither read nor written) and never touches the \
            site. Each block's output follows a line naming the block; recorded values and claims \
            are listed at the end, then each exercise's checks, passed (✓) or failed (✗). Exits \
            non-zero if the lesson fails, with the error located in the lesson file; for a scratch \
            lesson that `lessons exercise` wrote, also if the answer fails a check.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The lesson to run, for example lessons/01-recurrent-networks.md.")
    var file: String

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        let url = URL(fileURLWithPath: file, relativeTo: paths.root)
        let path = paths.relative(url)

        // A folder of its own, so a build of the same lesson running meanwhile never sees this
        // run's files (the module cache is shared: the compiler locks it).
        let ownFolder = paths.cache.appendingPathComponent("run-\(getpid())")
        Self.removeFoldersOfEndedRuns(in: paths.cache)
        defer { try? FileManager.default.removeItem(at: ownFolder) }
        let runner = LessonRunner(
            toolchain: try Toolchain.locate(), projectRoot: paths.root, workDirectory: paths.cache.appendingPathComponent("work"),
            programDirectory: ownFolder)
        var answerFails = false
        do throws(LessonError) {
            let lesson = try Lesson.load(from: url, path: path)
            // What the blocks print appears as they print it; values and claims follow.
            let executed = try runner.run(lesson, checkClaims: false, live: { text, isError in
                if isError {
                    FileHandle.standardError.write(Data(text.utf8))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            })
            print(Self.summary(executed), terminator: "")
            print(ExerciseReport.text(for: executed), terminator: "")
            try ProgramTranscript.checkClaims(executed)
            answerFails = lesson.isExerciseScratch && !ExerciseReport.answersPass(executed)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if answerFails {
            FileHandle.standardError.write(Data("your answer does not pass every check yet\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Deletes `run-PID` folders whose process is gone (a run stopped with Ctrl-C).
    static func removeFoldersOfEndedRuns(in cache: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] where name.hasPrefix("run-") {
            guard let pid = pid_t(name.dropFirst(4)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: cache.appendingPathComponent(name))
        }
    }

    /// The recorded values and the claims, after the outputs.
    static func summary(_ executed: ExecutedLesson) -> String {
        var text = ""
        if !executed.values.isEmpty {
            text += "── recorded values\n"
            for name in executed.values.keys.sorted() {
                switch executed.values[name]! {
                case .number(let value): text += "\(name) = \(value)\n"
                case .text(let value): text += "\(name) = \(value)\n"
                }
            }
        }
        if !executed.claims.isEmpty {
            let failed = executed.claims.filter { !$0.holds }.count
            text += failed == 0 ? "── claims: all \(executed.claims.count) hold\n" : "── claims: \(failed) of \(executed.claims.count) FAIL\n"
        }
        return text
    }
}
