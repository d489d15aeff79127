/// How an exercise reaches the page, as Markdown the site knows how to show (see the site's
/// `CodeBlockHTML`): the starter where it stands, labelled with the exercise's number; the
/// checks replaced by their words; and the solution moved after them, folded away with its
/// output and the checks it passes.
///
/// The pieces are fenced blocks with info strings of their own rather than HTML, which
/// Notebook never writes:
///
///     ```swift exercise anchor=exercise-1 number=1    the starter (its fence, with two words added)
///     ```exercise-checks                              the checks' words, one a line
///     ```exercise-solution                            opens the fold (empty)
///     ```swift solution                               the solution's code, then its output
///     ```exercise-checks passed                       the checks it passes, one a line
///     ```exercise-solution-end                        closes the fold (empty)
///
/// The starter's own output is not shown: the reader's run is theirs to make.
enum ExerciseMarkdown {
    /// The starter's opening fence line, with the words the page needs added.
    static func starterFence(_ line: String, exercise: Exercise) -> String {
        line + " anchor=\(exercise.anchor) number=\(exercise.number)"
    }

    /// The lines that take the checks block's place, each with the lesson line it came from
    /// (0 for lines the build wrote).
    static func lines(for exercise: Exercise, run: ExerciseRun?, lesson: Lesson) -> [(text: String, sourceLine: Int)] {
        var result: [(text: String, sourceLine: Int)] = []
        func add(_ block: String) {
            result += [("", 0)] + block.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), 0) }
        }
        let claims = run?.solution?.distinctClaims ?? []
        let words = claims.map { Self.oneLine($0.text) }.joined(separator: "\n")
        if claims.isEmpty {
            // No run to take the words from (the lesson failed): show the checks as code.
            result += exercise.checks.lines.map { (lesson.lines[$0 - 1], $0) }
        } else {
            add(OutputSplicer.fencedOutput(words, info: "exercise-checks"))
        }
        guard let solution = exercise.solution else { return result }
        add("```exercise-solution\n```")
        result.append(("", 0))
        result += solution.lines.map { (lesson.lines[$0 - 1], $0) }
        if let segments = run?.solution?.segments, !segments.isEmpty { add(OutputSplicer.render(segments)) }
        if !claims.isEmpty {
            add(OutputSplicer.fencedOutput(words, info: "exercise-checks passed"))
        }
        add("```exercise-solution-end\n```")
        result.append(("", 0))
        return result
    }

    /// A claim's words on one line: the list has one check a line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
