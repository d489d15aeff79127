import LessonKit

/// A value put into the prose: from a `{{name}}` reference, or a literal the author marked as
/// intended with `{{=…}}`.
public struct SplicedValue: Equatable, Sendable {
    /// The text the reader sees.
    public let text: String
    /// The recorded name; `nil` for a literal.
    public let name: String?
    /// The lesson line of the `record` call, when known.
    public let recordLine: Int?
    /// The lesson line of the prose that shows it.
    public let proseLine: Int

    /// Where the value stands in the spliced Markdown until the site renders it: characters
    /// from Unicode's private use area, which no lesson contains (the parser rejects them), so
    /// the renderer can find each value and say where it came from.
    public static func placeholder(_ index: Int) -> String { "\u{E002}\(index)\u{E003}" }
}

/// `{{name}}` and `{{name:FORMAT}}` in prose, replaced by values the experiments recorded, and
/// `{{=TEXT}}`, a literal the author typed on purpose (a constant from a paper, a
/// hyperparameter), shown as it is.
///
/// Inline code spans are left alone, so a lesson can write about the syntax itself with
/// `` `{{name}}` ``.
enum ValueSubstitution {
    /// `line` with every reference replaced by a placeholder for the value appended to `values`.
    ///
    /// - Throws: `LessonError` at `lineNumber` for a name no block recorded, a format that is
    ///   not a valid specification, an empty literal, or `{{` without `}}`.
    static func apply(
        to line: String, lineNumber: Int, executed: ExecutedLesson, values: inout [SplicedValue]
    ) throws(LessonError) -> String {
        guard line.contains("{{") else { return line }
        var result = ""
        var rest = line[...]
        var inCode = false
        while let character = rest.first {
            if character == "`" {
                inCode.toggle()
                result.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard !inCode, rest.hasPrefix("{{") else {
                result.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.range(of: "}}") else {
                throw LessonError(path: executed.lesson.path, line: lineNumber, message: "`{{` is never closed with `}}`")
            }
            let reference = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound])
            values.append(try value(for: reference, lineNumber: lineNumber, executed: executed))
            result += SplicedValue.placeholder(values.count - 1)
            rest = rest[close.upperBound...]
        }
        return result
    }

    private static func value(for reference: String, lineNumber: Int, executed: ExecutedLesson) throws(LessonError) -> SplicedValue {
        let path = executed.lesson.path
        if reference.hasPrefix("=") {
            let literal = reference.dropFirst().trimmingWhitespace
            guard !literal.isEmpty else {
                throw LessonError(path: path, line: lineNumber, message: "`{{=}}` marks nothing: write the literal after `=`, as in `{{=0.001}}`")
            }
            return SplicedValue(text: literal, name: nil, recordLine: nil, proseLine: lineNumber)
        }
        let parts = reference.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace }
        let name = parts.first ?? ""
        guard let value = executed.values[name] else {
            let known = executed.values.keys.sorted()
            let hint = known.isEmpty ? "no block records any value" : "recorded: \(known.joined(separator: ", "))"
            throw LessonError(path: path, line: lineNumber, message: "`{{\(reference)}}`: no block records a value named `\(name)` (\(hint))")
        }
        let specification = parts.count > 1 ? parts[1] : ""
        let text: String
        switch value {
        case .text(let recorded):
            guard specification.isEmpty else {
                throw LessonError(path: path, line: lineNumber, message: "`{{\(reference)}}`: `\(name)` is text and takes no format")
            }
            text = recorded
        case .number(let number):
            guard let format = NumberFormat(specification: specification) else {
                throw LessonError(path: path, line: lineNumber,
                                  message: "`{{\(reference)}}`: unknown format `\(specification)` (use .2f, .1%, .3e, .4g, d, ,d or p)")
            }
            if !number.isFinite && !executed.nonFiniteAllowed.contains(name) {
                let recorded = executed.recordLines[name].map { " at line \($0)" } ?? ""
                throw LessonError(path: path, line: lineNumber, message: """
                    `{{\(reference)}}` would show \(format.string(number)): the value recorded\(recorded) is not a number. \
                    If the lesson expects that, record it with `record("\(name)", value, allowNonFinite: true)`
                    """)
            }
            text = format.string(number)
        }
        return SplicedValue(text: text, name: name, recordLine: executed.recordLines[name], proseLine: lineNumber)
    }
}
