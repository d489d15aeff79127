/// The compiler's report on a lesson's program, turned into a lesson error.
///
/// Thanks to `#sourceLocation`, the compiler already names lesson lines
/// (`lessons/NAME.md:LINE:COLUMN: error: ...`) and shows the caret excerpt; this keeps its
/// text as it is and takes the first error's line for the summary.
struct CompilerDiagnostics {
    let output: String
    let lessonPath: String

    /// The first `error:` diagnostic, as (line, column, message).
    var firstError: (line: Int, column: Int, message: String)? {
        for rawLine in output.split(separator: "\n") {
            let line = rawLine.drop(while: { $0 == " " })
            guard line.hasPrefix(lessonPath + ":") else { continue }
            let parts = line.dropFirst(lessonPath.count + 1).split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let lineNumber = Int(parts[0]), let column = Int(parts[1]),
                  parts[2].trimmingWhitespace == "error" else { continue }
            return (lineNumber, column, parts[3].trimmingWhitespace)
        }
        return nil
    }

    var error: LessonError {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if let first = firstError {
            // The first diagnostic's own header line is the error's description; the caret
            // excerpt and any further diagnostics follow as details.
            if let header = lines.firstIndex(where: { $0.hasPrefix("\(lessonPath):\(first.line):\(first.column): error:") }) {
                lines.remove(at: header)
            }
            return LessonError(
                path: lessonPath, line: first.line, column: first.column,
                message: first.message, details: lines.joined(separator: "\n"))
        }
        let details = lines.joined(separator: "\n")
        return LessonError(path: lessonPath, line: nil, message: "the experiment program did not compile", details: details)
    }
}
