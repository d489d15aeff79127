import Foundation

/// The one Swift program that runs a lesson's experiment blocks.
///
/// The blocks are pasted in order into one `main.swift`, so they share top-level scope like
/// the cells of a notebook. Before each block, a call tells the runner which block's output
/// follows, and a `#sourceLocation` directive makes the compiler and runtime traps report
/// lines of the lesson file instead of lines of the generated program.
public struct ExperimentProgram: Equatable, Sendable {
    /// The text of `main.swift`.
    public let source: String

    /// The modules every experiment sees without importing them.
    public static let importedModules = ["Foundation", "Recurrent", "LessonKit"]

    public init(lesson: Lesson) {
        var source = Self.importedModules.map { "import \($0)\n" }.joined()
        source += "\nExperimentSession.start()\n"
        let file = Self.stringLiteralContent(lesson.path)
        for block in lesson.blocks {
            source += "\nExperimentSession.beginBlock(\(block.index))\n"
            source += "#sourceLocation(file: \"\(file)\", line: \(block.firstCodeLine))\n"
            source += block.code.isEmpty ? "" : block.code + "\n"
            source += "#sourceLocation()\n"
        }
        source += "\nExperimentSession.finish()\n"
        self.source = source
    }

    /// `text` escaped for use inside a Swift string literal.
    private static func stringLiteralContent(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
