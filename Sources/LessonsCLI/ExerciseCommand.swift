import ArgumentParser
import Foundation
import Notebook

/// `lessons exercise FILE [N]`: list a lesson's exercises, or copy one into a scratch lesson the
/// reader answers in and checks with `lessons run`.
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "List a lesson's exercises, or write one into a scratch lesson to answer and check with `lessons run`.",
        discussion: """
            Without N, lists the lesson's exercises with their numbers. With N, writes \
            exercises/SLUG-N.md under the project root (outside lessons/, so the build never reads \
            it): the lesson's seed, its experiment blocks before the exercise, the exercise's prose, \
            the starter to edit and the checks, without the solution. An existing file holds the \
            reader's work and is kept unless --force is given.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The lesson, for example lessons/04-long-short-term-memory.md.")
    var file: String

    @Argument(help: "The exercise's number, from 1; without it the exercises are listed.")
    var number: Int?

    @Option(name: .customLong("to"), help: "Where to write the scratch lesson instead of exercises/SLUG-N.md.")
    var destination: String?

    @Flag(help: "Overwrite an existing scratch lesson (and the answer in it).")
    var force = false

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        let url = URL(fileURLWithPath: file, relativeTo: paths.root)
        let lesson: Lesson
        do throws(LessonError) {
            lesson = try Lesson.load(from: url, path: paths.relative(url))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        guard !lesson.exercises.isEmpty else {
            throw ValidationError("\(lesson.path) has no exercises (```swift exercise blocks)")
        }
        guard let number else {
            for exercise in lesson.exercises {
                print("\(exercise.number)  \(lesson.path):\(exercise.starter.fenceLine)  \(ExerciseScratch.summary(of: exercise, in: lesson))")
            }
            return
        }
        guard lesson.exercises.indices.contains(number - 1) else {
            let count = lesson.exercises.count
            throw ValidationError("\(lesson.path) has \(count) exercise\(count == 1 ? "" : "s"); give a number from 1 to \(count)")
        }
        let target = destination.map { URL(fileURLWithPath: $0, relativeTo: paths.root) }
            ?? paths.root.appendingPathComponent("exercises/\(lesson.slug)-\(number).md")
        let targetPath = paths.relative(target)
        guard force || !FileManager.default.fileExists(atPath: target.path) else {
            FileHandle.standardError.write(Data(
                "error: \(targetPath) already exists and may hold your answer: edit it, or pass --force to start it again\n".utf8))
            throw ExitCode.failure
        }
        let rootOption = project.root == "." ? "" : " --root \(project.root)"
        let runCommand = "lessons run\(rootOption) \(targetPath)"
        let text = ExerciseScratch.text(for: lesson.exercises[number - 1], of: lesson, runCommand: runCommand)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: target, atomically: true, encoding: .utf8)
        print("wrote \(targetPath)")
        print("write your answer where ✏️ marks the place in its `swift exercise` block, then check it with:")
        print("  \(runCommand)")
    }
}
