/// Puts each block's output into the lesson's Markdown, right after the block, and the
/// recorded values into the prose.
///
/// Printed text goes in a fenced code block with the info string `output`, so the site can
/// style it apart from code and Markdown never interprets what an experiment printed; tables
/// the block emitted go in as Markdown. The front matter is dropped: the site reads it from the
/// parsed lesson.
public enum OutputSplicer {
    /// The lesson body (everything after the front matter) with outputs and values inserted.
    ///
    /// - Throws: `LessonError` for a `{{name}}` that no block recorded or a bad format.
    public static func markdown(for executed: ExecutedLesson) throws(LessonError) -> String {
        try splice(executed).markdown
    }

    /// The body with outputs and values, and for each of its lines (0-based) the lesson line
    /// it came from, 0 for inserted output — so problems found later point into the lesson.
    public static func splice(_ executed: ExecutedLesson) throws(LessonError) -> (markdown: String, sourceLines: [Int]) {
        let lesson = executed.lesson
        var outputAfterLine: [Int: String] = [:]
        for block in lesson.blocks where !block.options.hideOutput {
            guard let output = executed.outputs.first(where: { $0.blockIndex == block.index }),
                  !output.segments.isEmpty else { continue }
            outputAfterLine[block.closingFenceLine] = render(output.segments)
        }
        let codeLines = Set(lesson.fencedLineNumbers)
        var result: [String] = []
        var sourceLines: [Int] = []
        for lineNumber in lesson.bodyStartLine..<(lesson.lines.count + 1) {
            let line = lesson.lines[lineNumber - 1]
            result.append(codeLines.contains(lineNumber)
                ? line
                : try ValueSubstitution.apply(to: line, lineNumber: lineNumber, values: executed.values, path: lesson.path))
            sourceLines.append(lineNumber)
            if let output = outputAfterLine[lineNumber] {
                let inserted = [""] + output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                result += inserted
                sourceLines += Array(repeating: 0, count: inserted.count)
            }
        }
        return (result.joined(separator: "\n") + "\n", sourceLines)
    }

    /// Text segments fenced, Markdown segments as they are, separated by blank lines.
    static func render(_ segments: [BlockOutput.Segment]) -> String {
        segments.compactMap { segment -> String? in
            switch segment {
            case .text(let text): text.isEmpty ? nil : fencedOutput(text)
            case .markdown(let markdown): markdown
            }
        }.joined(separator: "\n\n")
    }

    /// `text` in a fence longer than any backtick run that starts one of its lines, so nothing
    /// the experiment printed can close the fence early.
    static func fencedOutput(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines: [Substring] = body.split(separator: "\n", omittingEmptySubsequences: false)
        let longestRun = lines
            .map { $0.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count }
            .max() ?? 0
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return "\(fence)output\n\(body)\n\(fence)"
    }
}
