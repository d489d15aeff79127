/// The scratch lesson `lessons exercise` writes for a reader to answer one exercise in: the
/// lesson's settings (its seed above all, so the numbers match the page), every experiment
/// block before the exercise (so the answer sees the same names and state), the exercise's
/// prose, its starter to edit and its checks — but not its solution.
///
/// Its front matter says `exercise-of: LESSON`, which lets its exercise stand without a
/// solution and makes `lessons run` judge the starter as the reader's answer. It lives outside
/// `lessons/`, so the build never takes it for part of the curriculum.
public enum ExerciseScratch {
    public static func text(for exercise: Exercise, of lesson: Lesson, runCommand: String) -> String {
        let settings = lesson.frontMatter
        var text = "---\n"
        text += "title: \(yamlString("Exercise \(exercise.number) of \(settings.title)"))\n"
        text += "exercise-of: \(yamlString(lesson.path))\n"
        if let seed = settings.seed { text += "seed: \(seed)\n" }
        if let timeout = settings.timeout { text += "timeout: \(timeout)\n" }
        text += "---\n\n"
        text += """
            Your copy of exercise \(exercise.number) of \(lesson.path). Write your answer in the \
            `swift exercise` block, where ✏️ marks the place, and check it with `\(runCommand)`: \
            it runs the lesson's experiments that come before the exercise (so your code sees what \
            they define), then your answer and the checks, and says which checks pass.


            """
        for block in lesson.blocks where block.index < exercise.blocksBefore {
            text += lines(block.fenceLine...block.closingFenceLine, of: lesson) + "\n"
        }
        let introduction = lines(exercise.introduction, of: lesson).trimmingBlankLines
        if !introduction.isEmpty { text += introduction + "\n\n" }
        var skipped: Set<Int> = Set(exercise.solution.map { Array($0.lines) } ?? [])
        skipped.formUnion(exercise.checks.lines)
        let between = exercise.starter.fenceLine...(exercise.checks.fenceLine - 1)
        text += between.filter { !skipped.contains($0) }.map { lesson.lines[$0 - 1] }.joined(separator: "\n").trimmingBlankLines + "\n\n"
        text += lines(exercise.checks.lines, of: lesson) + "\n"
        return text
    }

    /// What names the exercise in a list of them: the heading just above it, without its
    /// `{#id}`, or else the first line of the prose that introduces it.
    public static func summary(of exercise: Exercise, in lesson: Lesson) -> String {
        let prose = exercise.introduction.map { lesson.lines[$0 - 1].trimmingWhitespace }.filter { !$0.isEmpty }
        if let heading = prose.last(where: { $0.hasPrefix("#") }) {
            var title = String(heading.drop(while: { $0 == "#" }))
            if let attributes = title.range(of: "{#") { title = String(title[..<attributes.lowerBound]) }
            if !title.trimmingWhitespace.isEmpty { return title.trimmingWhitespace }
        }
        return prose.first { !$0.hasPrefix("#") } ?? "(no prose before the exercise)"
    }

    private static func lines(_ range: some Sequence<Int>, of lesson: Lesson) -> String {
        range.map { lesson.lines[$0 - 1] }.joined(separator: "\n") + "\n"
    }

    /// `text` as a YAML double-quoted scalar.
    private static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

private extension String {
    /// Without blank lines at either end.
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
