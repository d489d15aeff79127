/// Finds the math in Markdown before cmark sees it, so TeX's `_`, `*` and `\\` are never read
/// as emphasis or escapes, and leaves a placeholder in its place.
///
/// Delimiters: `$…$` and `\(…\)` inline; `$$…$$` and `\[…\]` displayed (these may span
/// lines). An inline `$` opens only before a non-space and closes only after a non-space not
/// followed by a digit, so prices like $5 stay text. `\$` is a literal dollar. Code — fenced
/// blocks and inline code spans — is left alone.
struct MathExtractor {
    struct Span: Equatable {
        let tex: String
        let display: Bool
        /// 0-based line of the Markdown where the span starts.
        let line: Int
    }

    /// The Markdown with each span replaced by `placeholder(index)`.
    private(set) var markdown = ""
    private(set) var spans: [Span] = []

    static func placeholder(_ index: Int) -> String { "\u{E000}math\(index)\u{E001}" }

    init(_ source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var output: [String] = []
        var fence: (character: Character, length: Int)?
        var pendingDisplay: (text: String, closing: String, line: Int, prefix: String)?
        for (index, line) in lines.enumerated() {
            if let open = pendingDisplay {
                // Inside a display formula that began on an earlier line.
                if let range = line.range(of: open.closing) {
                    let tex = open.text + "\n" + line[..<range.lowerBound]
                    spans.append(Span(tex: tex, display: true, line: open.line))
                    let rest = scanLine(String(line[range.upperBound...]), line: index)
                    output.append(open.prefix + Self.placeholder(spans.count - 1) + rest)
                    pendingDisplay = nil
                } else {
                    pendingDisplay = (open.text + "\n" + line, open.closing, open.line, open.prefix)
                }
                continue
            }
            if let current = fence {
                output.append(line)
                if Self.closesFence(line, current) { fence = nil }
                continue
            }
            if let opening = Self.opensFence(line) {
                fence = opening
                output.append(line)
                continue
            }
            // A display formula opening on this line and closing on a later one.
            for (opening, closing) in [("$$", "$$"), ("\\[", "\\]")] {
                if let start = line.range(of: opening), !Self.isInsideCode(line, start.lowerBound),
                   line[start.upperBound...].range(of: closing) == nil {
                    let prefix = scanLine(String(line[..<start.lowerBound]), line: index)
                    pendingDisplay = (String(line[start.upperBound...]), closing, index, prefix)
                    break
                }
            }
            if pendingDisplay == nil { output.append(scanLine(line, line: index)) }
        }
        if let open = pendingDisplay {
            // Never closed: keep the text as it was written.
            output.append(open.prefix + (open.closing == "$$" ? "$$" : "\\[") + open.text)
        }
        markdown = output.joined(separator: "\n")
    }

    /// One prose line with its inline and one-line display formulas replaced.
    private mutating func scanLine(_ line: String, line number: Int) -> String {
        let characters = Array(line)
        var result = ""
        var index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text)
            return position + pattern.count <= characters.count && Array(characters[position..<(position + pattern.count)]) == pattern
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                // An inline code span: copy it through untouched.
                var run = 0
                while index + run < characters.count && characters[index + run] == "`" { run += 1 }
                var search = index + run
                var closing: Int?
                while search < characters.count {
                    if characters[search] == "`" {
                        var length = 0
                        while search + length < characters.count && characters[search + length] == "`" { length += 1 }
                        if length == run { closing = search; break }
                        search += length
                    } else {
                        search += 1
                    }
                }
                let end = (closing ?? index) + run
                result += String(characters[index..<min(end, characters.count)])
                index = min(end, characters.count)
                continue
            }
            if character == "\\" && (starts("\\$", at: index)) {
                result += "\\$"
                index += 2
                continue
            }
            var matched = false
            for (opening, closing, display) in [("$$", "$$", true), ("\\[", "\\]", true), ("\\(", "\\)", false)]
            where !matched && starts(opening, at: index) {
                var end = index + opening.count
                while end < characters.count && !starts(closing, at: end) { end += 1 }
                guard end < characters.count else { break }
                spans.append(Span(tex: String(characters[(index + opening.count)..<end]), display: display, line: number))
                result += Self.placeholder(spans.count - 1)
                index = end + closing.count
                matched = true
            }
            if matched { continue }
            if character == "$", index + 1 < characters.count, !characters[index + 1].isWhitespace, characters[index + 1] != "$" {
                var end = index + 1
                while end < characters.count {
                    if characters[end] == "\\" { end += 2; continue }
                    if characters[end] == "$" && !characters[end - 1].isWhitespace
                        && !(end + 1 < characters.count && characters[end + 1].isNumber) { break }
                    end += 1
                }
                if end < characters.count {
                    spans.append(Span(tex: String(characters[(index + 1)..<end]), display: false, line: number))
                    result += Self.placeholder(spans.count - 1)
                    index = end + 1
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }

    private static func isInsideCode(_ line: String, _ position: String.Index) -> Bool {
        line[..<position].filter { $0 == "`" }.count % 2 == 1
    }

    private static func opensFence(_ line: String) -> (character: Character, length: Int)? {
        let indentation = line.prefix(while: { $0 == " " }).count
        guard indentation <= 3 else { return nil }
        let rest = line.dropFirst(indentation)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix(while: { $0 == character }).count
        guard length >= 3 else { return nil }
        if character == "`" && rest.dropFirst(length).contains("`") { return nil }
        return (character, length)
    }

    private static func closesFence(_ line: String, _ fence: (character: Character, length: Int)) -> Bool {
        let indentation = line.prefix(while: { $0 == " " }).count
        guard indentation <= 3 else { return false }
        let rest = line.dropFirst(indentation)
        let length = rest.prefix(while: { $0 == fence.character }).count
        return length >= fence.length && rest.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
