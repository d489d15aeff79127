import LessonKit

/// `{{name}}` and `{{name:FORMAT}}` in prose, replaced by values the experiments recorded.
///
/// Inline code spans are left alone, so a lesson can write about the syntax itself with
/// `` `{{name}}` ``.
enum ValueSubstitution {
    /// `line` with every reference replaced.
    ///
    /// - Throws: `LessonError` at `lineNumber` for a name no block recorded, a format that is
    ///   not a valid specification, or `{{` without `}}`.
    static func apply(to line: String, lineNumber: Int, values: [String: RecordedValue], path: String) throws(LessonError) -> String {
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
                throw LessonError(path: path, line: lineNumber, message: "`{{` is never closed with `}}`")
            }
            let reference = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound])
            result += try value(for: reference, lineNumber: lineNumber, values: values, path: path)
            rest = rest[close.upperBound...]
        }
        return result
    }

    private static func value(for reference: String, lineNumber: Int, values: [String: RecordedValue], path: String) throws(LessonError) -> String {
        let parts = reference.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace }
        let name = parts.first ?? ""
        guard let value = values[name] else {
            let known = values.keys.sorted()
            let hint = known.isEmpty ? "no block records any value" : "recorded: \(known.joined(separator: ", "))"
            throw LessonError(path: path, line: lineNumber, message: "`{{\(reference)}}`: no block records a value named `\(name)` (\(hint))")
        }
        let specification = parts.count > 1 ? parts[1] : ""
        switch value {
        case .text(let text):
            guard specification.isEmpty else {
                throw LessonError(path: path, line: lineNumber, message: "`{{\(reference)}}`: `\(name)` is text and takes no format")
            }
            return text
        case .number(let number):
            guard let format = NumberFormat(specification: specification) else {
                throw LessonError(path: path, line: lineNumber,
                                  message: "`{{\(reference)}}`: unknown format `\(specification)` (use .2f, .1%, .3e, .4g, d or ,d)")
            }
            return format.string(number)
        }
    }
}
