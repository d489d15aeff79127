import Foundation
import LessonKit

/// The one Swift program that runs a lesson's experiment blocks and exercises.
///
/// The blocks are pasted in order into one `main.swift`, so they share top-level scope like
/// the cells of a notebook. Before each block, a call tells the runner which block's output
/// follows, and a `#sourceLocation` directive makes the compiler and runtime traps report
/// lines of the lesson file instead of lines of the generated program.
///
/// Each exercise runs where it stands, after the blocks before it, as two scopes (see
/// `exerciseSource`): the solution and its checks, then the starter and its checks.
public struct ExperimentProgram: Equatable, Sendable {
    /// The text of `main.swift`.
    public let source: String

    /// The modules every experiment sees without importing them.
    public static let importedModules = ["Foundation", "Recurrent", "LessonKit"]

    public init(lesson: Lesson) {
        var source = Self.importedModules.map { "import \($0)\n" }.joined()
        source += "\nExperimentSession.start()\n"
        let file = Self.stringLiteralContent(lesson.path)
        func location(_ line: Int) -> String { "#sourceLocation(file: \"\(file)\", line: \(line))\n" }
        var exercises = lesson.exercises[...]
        for block in lesson.blocks {
            while let exercise = exercises.first, exercise.blocksBefore <= block.index {
                source += Self.exerciseSource(exercise, location: location)
                exercises.removeFirst()
            }
            source += "\nExperimentSession.beginBlock(\(block.index))\n"
            source += location(block.firstCodeLine)
            source += block.code.isEmpty ? "" : block.code + "\n"
            source += "#sourceLocation()\n"
        }
        for exercise in exercises { source += Self.exerciseSource(exercise, location: location) }
        source += "\nExperimentSession.finish()\n"
        self.source = source
    }

    /// The exercise's two runs, each in a `do` scope of its own: what the solution or the
    /// starter declares is gone before the other runs and before the next block, and both see
    /// every name the earlier blocks declared.
    ///
    /// The solution runs first, so it sees the lesson's state exactly as the blocks before it
    /// left it (its output is on the page); the starter runs second. A scope can declare local
    /// types and functions (a struct conforming to `RecurrentCell` works), but not extensions,
    /// protocols or operators, which Swift allows only at file scope: those go in an
    /// experiment block before the exercise.
    static func exerciseSource(_ exercise: Exercise, location: (Int) -> String) -> String {
        var source = ""
        let runs: [(ExercisePart, Exercise.Part)] =
            (exercise.solution.map { [(.solution, $0)] } ?? []) + [(.attempt, exercise.starter)]
        for (part, code) in runs {
            source += "\nExperimentSession.beginExercise(\(exercise.index), .\(part.rawValue))\n"
            source += "do {\n"
            source += location(code.firstCodeLine) + (code.code.isEmpty ? "" : code.code + "\n")
            source += location(exercise.checks.firstCodeLine) + exercise.checks.code + "\n"
            source += "#sourceLocation()\n}\n"
        }
        return source
    }

    /// `text` escaped for use inside a Swift string literal.
    private static func stringLiteralContent(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
