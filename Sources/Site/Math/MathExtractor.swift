/// Finds the math in Markdown before cmark sees it, so TeX's `_`, `*` and `\\` are never read
/// as emphasis or escapes, and leaves a placeholder in its place.
///
/// Delimiters: `$…$` and `\(…\)` inline; `$$…$$` and `\[…\]` displayed. Any of them may span
/// lines (an inline formula only within its paragraph). An inline `$` opens only before a
/// non-space and closes only after a non-space not followed by a digit, as in Pandoc. `\$` is a
/// literal dollar. Code — fenced blocks and inline code spans — is left alone.
///
/// Whatever looks like math but is not — a `$` left over, a formula never closed — is a
/// problem at its line: on the page it would show as raw TeX.
struct MathExtractor {
    struct Span: Equatable {
        let tex: String
        let display: Bool
        /// 0-based line of the Markdown where the span starts.
        let line: Int
    }

    /// Something in the prose that would reach the page as raw TeX.
    struct Problem: Equatable {
        /// 0-based line of the Markdown.
        let line: Int
        let message: String
    }

    /// The Markdown with each span replaced by `placeholder(index)`.
    private(set) var markdown = ""
    private(set) var spans: [Span] = []
    private(set) var problems: [Problem] = []
    /// For each line of `markdown`, the 0-based line of the source it starts on (a formula
    /// across lines joins them into one).
    private(set) var lineMap: [Int] = []

    static func placeholder(_ index: Int) -> String { "\u{E000}math\(index)\u{E001}" }

    /// An inline formula still open at the end of a line.
    private struct OpenInline {
        /// The scanned text before the opening delimiter.
        var prefix: String
        let opening: String
        /// The TeX so far.
        var tex: String
        let line: Int
    }

    init(_ source: String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var output: [String] = []
        var fence: (character: Character, length: Int)?
        var pendingDisplay: (text: String, closing: String, line: Int, prefix: String)?
        var index = 0
        func emit(_ text: String, from line: Int) {
            output.append(text)
            lineMap.append(line)
        }
        while index < lines.count {
            defer { index += 1 }
            let line = lines[index]
            if let open = pendingDisplay {
                // Inside a display formula that began on an earlier line.
                if let range = line.range(of: open.closing) {
                    let tex = open.text + "\n" + line[..<range.lowerBound]
                    spans.append(Span(tex: tex, display: true, line: open.line))
                    let rest = scanParagraph(String(line[range.upperBound...]), at: &index, lines: lines)
                    emit(open.prefix + Self.placeholder(spans.count - 1) + rest, from: open.line)
                    pendingDisplay = nil
                } else {
                    pendingDisplay = (open.text + "\n" + line, open.closing, open.line, open.prefix)
                }
                continue
            }
            if let current = fence {
                emit(line, from: index)
                if Self.closesFence(line, current) { fence = nil }
                continue
            }
            if let opening = Self.opensFence(line) {
                fence = opening
                emit(line, from: index)
                continue
            }
            // A display formula opening on this line and closing on a later one.
            for (opening, closing) in [("$$", "$$"), ("\\[", "\\]")] {
                if let start = line.range(of: opening), !Self.isInsideCode(line, start.lowerBound),
                   line[start.upperBound...].range(of: closing) == nil {
                    var unused = index
                    let prefix = scanParagraph(String(line[..<start.lowerBound]), at: &unused, lines: [])
                    pendingDisplay = (String(line[start.upperBound...]), closing, index, prefix)
                    break
                }
            }
            if pendingDisplay == nil {
                let first = index
                emit(scanParagraph(line, at: &index, lines: lines), from: first)
            }
        }
        if let open = pendingDisplay {
            // Never closed: keep the text as it was written.
            problems.append(Problem(line: open.line, message: "`\(open.closing == "$$" ? "$$" : "\\[")` opens a displayed formula that is never closed"))
            output.append(open.prefix + (open.closing == "$$" ? "$$" : "\\[") + open.text)
            lineMap.append(open.line)
        }
        markdown = output.joined(separator: "\n")
    }

    /// Line `index` (whose text is `text`) with its formulas replaced. An inline formula open
    /// at the end of the line continues on the following lines of the paragraph, which are
    /// then consumed (`index` moves to the last of them).
    private mutating func scanParagraph(_ text: String, at index: inout Int, lines: [String]) -> String {
        var (result, open) = scanLine(text, line: index)
        while var pending = open {
            let next = index + 1
            guard next < lines.count, !lines[next].allSatisfy({ $0 == " " || $0 == "\t" }), Self.opensFence(lines[next]) == nil else {
                // The paragraph ended first: not a formula after all.
                problems.append(Problem(line: pending.line, message: "`\(pending.opening)` opens a formula that is never closed in its paragraph (write `\\$` for a dollar sign)"))
                result = pending.prefix + pending.opening + pending.tex
                open = nil
                break
            }
            index = next
            let characters = Array(lines[next])
            guard let end = Self.inlineClose(pending.opening, in: characters, from: 0) else {
                pending.tex += "\n" + lines[next]
                open = pending
                continue
            }
            let closing = pending.opening == "$" ? 1 : 2
            spans.append(Span(tex: pending.tex + "\n" + String(characters[..<end]), display: false, line: pending.line))
            let head = pending.prefix + Self.placeholder(spans.count - 1)
            let (rest, stillOpen) = scanLine(String(characters[(end + closing)...]), line: next)
            result = head + rest
            open = stillOpen.map { var another = $0; another.prefix = head + another.prefix; return another }
        }
        return result
    }

    /// One prose line with its formulas replaced, and an inline formula left open at its end.
    private mutating func scanLine(_ line: String, line number: Int) -> (String, OpenInline?) {
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
            if character == "\\" && starts("\\$", at: index) {
                result += "\\$"
                index += 2
                continue
            }
            var matched = false
            for (opening, closing, display) in [("$$", "$$", true), ("\\[", "\\]", true)]
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
            let opensDollar = character == "$" && index + 1 < characters.count && !characters[index + 1].isWhitespace
                && characters[index + 1] != "$"
            if opensDollar || starts("\\(", at: index) {
                let opening = opensDollar ? "$" : "\\("
                let start = index + opening.count
                guard let end = Self.inlineClose(opening, in: characters, from: start) else {
                    return (result, OpenInline(prefix: result, opening: opening, tex: String(characters[start...]), line: number))
                }
                spans.append(Span(tex: String(characters[start..<end]), display: false, line: number))
                result += Self.placeholder(spans.count - 1)
                index = end + (opensDollar ? 1 : 2)
                continue
            }
            if character == "$" {
                problems.append(Problem(line: number, message: "a `$` that opens no formula shows as raw TeX (write `\\$` for a dollar sign)"))
            }
            result.append(character)
            index += 1
        }
        return (result, nil)
    }

    /// Where the inline formula opened by `opening` closes in `characters`, searching from
    /// `start`: for `$`, a `$` after a non-space and not before a digit; for `\(`, `\)`.
    private static func inlineClose(_ opening: String, in characters: [Character], from start: Int) -> Int? {
        var end = start
        while end < characters.count {
            if opening == "\\(" {
                if characters[end] == "\\", end + 1 < characters.count, characters[end + 1] == ")" { return end }
                end += characters[end] == "\\" ? 2 : 1
                continue
            }
            if characters[end] == "\\" { end += 2; continue }
            if characters[end] == "$", end > start, !characters[end - 1].isWhitespace,
               !(end + 1 < characters.count && characters[end + 1].isNumber) {
                return end
            }
            end += 1
        }
        return nil
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
