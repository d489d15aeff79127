/// Puts each block's output into the lesson's Markdown, right after the block, and the
/// recorded values into the prose.
///
/// Printed text goes in a fenced code block with the info string `output`, so the site can
/// style it apart from code and Markdown never interprets what an experiment printed; tables
/// the block emitted go in as Markdown. The front matter is dropped: the site reads it from the
/// parsed lesson.
public enum OutputSplicer {
    /// A lesson body ready for the site.
    public struct Spliced: Equatable, Sendable {
        /// The body with outputs inserted and each value as `SplicedValue.placeholder(i)`.
        public let markdown: String
        /// For each line of `markdown` (0-based), the lesson line it came from; 0 for inserted
        /// output — so problems found later point into the lesson.
        public let sourceLines: [Int]
        /// The values, in placeholder order.
        public let values: [SplicedValue]

        /// `markdown` with every value written in as plain text.
        public var markdownWithValues: String {
            var text = markdown
            for (index, value) in values.enumerated().reversed() {
                text = text.replacingOccurrences(of: SplicedValue.placeholder(index), with: value.text)
            }
            return text
        }
    }

    /// The lesson body (everything after the front matter) with outputs and values written in.
    ///
    /// - Throws: `LessonError` for a `{{name}}` that no block recorded or a bad format.
    public static func markdown(for executed: ExecutedLesson) throws(LessonError) -> String {
        try splice(executed).markdownWithValues
    }

    /// The body with outputs after their blocks and placeholders for values. Each experiment
    /// block's opening fence gains `anchor=NAME` (see `ExperimentBlock.anchor`), so the page
    /// can link a value to the block that recorded it. Exercises are laid out as
    /// `ExerciseMarkdown` describes.
    public static func splice(_ executed: ExecutedLesson) throws(LessonError) -> Spliced {
        let lesson = executed.lesson
        var outputAfterLine: [Int: String] = [:]
        for block in lesson.blocks where !block.options.hideOutput {
            guard let output = executed.outputs.first(where: { $0.blockIndex == block.index }),
                  !output.segments.isEmpty else { continue }
            outputAfterLine[block.closingFenceLine] = render(output.segments)
        }
        var anchorOnLine: [Int: String] = [:]
        for block in lesson.blocks { anchorOnLine[block.fenceLine] = block.anchor }
        // An exercise's solution moves after its checks, which give way to their words.
        var exerciseStarting: [Int: Exercise] = [:]
        var exerciseReplacing: [Int: Exercise] = [:]
        var movedLines: Set<Int> = []
        for exercise in lesson.exercises {
            exerciseStarting[exercise.starter.fenceLine] = exercise
            exerciseReplacing[exercise.checks.fenceLine] = exercise
            movedLines.formUnion(exercise.checks.lines)
            if let solution = exercise.solution { movedLines.formUnion(solution.lines) }
        }
        let codeLines = Set(lesson.fencedLineNumbers)
        var result: [String] = []
        var sourceLines: [Int] = []
        var values: [SplicedValue] = []
        for lineNumber in lesson.bodyStartLine..<(lesson.lines.count + 1) {
            let line = lesson.lines[lineNumber - 1]
            if let exercise = exerciseReplacing[lineNumber] {
                let run = executed.exercises.first { $0.exerciseIndex == exercise.index }
                for (text, source) in ExerciseMarkdown.lines(for: exercise, run: run, lesson: lesson) {
                    result.append(text)
                    sourceLines.append(source)
                }
                continue
            } else if movedLines.contains(lineNumber) {
                continue
            } else if let exercise = exerciseStarting[lineNumber] {
                result.append(ExerciseMarkdown.starterFence(line, exercise: exercise))
            } else if let anchor = anchorOnLine[lineNumber] {
                result.append(line + " anchor=" + anchor)
            } else if codeLines.contains(lineNumber) {
                result.append(line)
            } else {
                result.append(try ValueSubstitution.apply(to: line, lineNumber: lineNumber, executed: executed, values: &values))
            }
            sourceLines.append(lineNumber)
            if let output = outputAfterLine[lineNumber] {
                let inserted = [""] + output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                result += inserted
                sourceLines += Array(repeating: 0, count: inserted.count)
            }
        }
        return Spliced(markdown: result.joined(separator: "\n") + "\n", sourceLines: sourceLines, values: values)
    }

    /// Text segments fenced, Markdown segments as they are, separated by blank lines.
    static func render(_ segments: [BlockOutput.Segment]) -> String {
        segments.compactMap { segment -> String? in
            switch segment {
            case .text(let text): text.isEmpty ? nil : fencedOutput(text)
            case .markdown(let markdown): markdown
            case .errorText(let text): text.isEmpty ? nil : fencedOutput(text, info: "output stderr")
            }
        }.joined(separator: "\n\n")
    }

    /// `text` in a fence longer than any backtick run that starts one of its lines, so nothing
    /// the experiment printed can close the fence early.
    static func fencedOutput(_ text: String, info: String = "output") -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines: [Substring] = body.split(separator: "\n", omittingEmptySubsequences: false)
        let longestRun = lines
            .map { $0.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count }
            .max() ?? 0
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        return "\(fence)\(info)\n\(body)\n\(fence)"
    }
}
