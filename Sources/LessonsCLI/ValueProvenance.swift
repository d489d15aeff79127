import Notebook
import Site

/// Where a value in the prose came from, as the page says it: a link to the block (or
/// exercise) that recorded it, with the `record` line and the seed in its title.
enum ValueProvenance {
    static func inlineValue(_ value: SplicedValue, lesson: Lesson, executed: ExecutedLesson, seed: UInt64) -> InlineValue {
        guard let name = value.name else { return InlineValue(text: value.text, anchor: nil, title: nil) }
        var title = name
        if let recorded = executed.values[name], case .number = recorded { title += " = \(recorded.plainText)" }
        guard let line = value.recordLine, line > 0 else {
            return InlineValue(text: value.text, anchor: nil, title: title + ", seed \(seed)")
        }
        title += ", recorded at \(lesson.path):\(line), seed \(seed)"
        // A value an exercise's solution (or its checks) recorded links to the exercise.
        let anchor = lesson.blocks.first { $0.contains(line: line) }?.anchor
            ?? lesson.exercises.first { $0.lines.contains(line) }?.anchor
        return InlineValue(text: value.text, anchor: anchor, title: title)
    }
}
