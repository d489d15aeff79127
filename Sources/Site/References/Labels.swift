import Foundation

/// What a cross-reference label names, by its prefix, as in Quarto: `sec-`, `eq-`, `fig-`, `tbl-`.
public enum LabelKind: String, CaseIterable, Sendable {
    case section = "sec"
    case equation = "eq"
    case figure = "fig"
    case table = "tbl"

    /// How a reference to it reads: "Section 4.2", "Equation 4.2", "Figure 9.3", "Table 9.1".
    var word: String {
        switch self {
        case .section: "Section"
        case .equation: "Equation"
        case .figure: "Figure"
        case .table: "Table"
        }
    }

    /// The kind a label's name says it is (`eq-lstm` → equation), or `nil` for a name with
    /// no known prefix (a citation key).
    static func of(_ label: String) -> LabelKind? {
        guard let dash = label.firstIndex(of: "-") else { return nil }
        return LabelKind(rawValue: String(label[..<dash]))
    }
}

/// A label a lesson defines, at its 0-based line of the Markdown.
struct LabelDefinition: Equatable {
    let name: String
    let kind: LabelKind
    let line: Int
}

/// Finds label definitions in a lesson's Markdown before anything else reads it, and leaves a
/// marker (U+E004 index U+E005) where each stood, for the renderer to finish:
///
/// - `## The forget gate {#sec-forget}` — a heading's anchor;
/// - `$$ … $$ {#eq-lstm}` — a displayed equation, numbered at its right;
/// - `: Loss against updates {#fig-loss}` — a caption, on its own line after a block's output
///   (a table or a picture), Quarto's caption syntax for tables.
///
/// Fenced code is left alone. A `{#…}` label anywhere else is a problem: it would show as text.
struct LabelMarkup {
    private(set) var markdown = ""
    private(set) var labels: [LabelDefinition] = []
    private(set) var problems: [LineProblem] = []

    static func marker(_ index: Int) -> String { "\u{E004}\(index)\u{E005}" }

    private static let name = #"[A-Za-z0-9_][A-Za-z0-9_:.-]*"#
    private static let heading = try! NSRegularExpression(pattern: #"^( {0,3}#{1,6}[ \t].*?)[ \t]+\{#(sec-"# + name + #")\}[ \t]*$"#)
    private static let equation = try! NSRegularExpression(pattern: #"^(.*\$\$)[ \t]*\{#(eq-"# + name + #")\}[ \t]*$"#)
    private static let caption = try! NSRegularExpression(pattern: #"^ {0,3}:[ \t]+(.*?)[ \t]*\{#((?:fig|tbl)-"# + name + #")\}[ \t]*$"#)
    private static let anyLabel = try! NSRegularExpression(pattern: #"\{#((?:sec|eq|fig|tbl)-"# + name + #")\}"#)

    init(_ source: String) {
        var fence: Substring?
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.drop(while: { $0 == open.first }).allSatisfy(\.isWhitespace) { fence = nil }
                output.append(String(line))
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix { $0 == trimmed.first }
                output.append(String(line))
                continue
            }
            output.append(rewrite(String(line), line: number))
        }
        markdown = output.joined(separator: "\n")
    }

    private mutating func rewrite(_ line: String, line number: Int) -> String {
        let range = NSRange(line.startIndex..., in: line)
        func group(_ match: NSTextCheckingResult, _ index: Int) -> String {
            String(line[Range(match.range(at: index), in: line)!])
        }
        if let match = Self.heading.firstMatch(in: line, range: range) {
            return group(match, 1) + " " + define(group(match, 2), .section, number)
        }
        if let match = Self.equation.firstMatch(in: line, range: range) {
            return group(match, 1) + " " + define(group(match, 2), .equation, number)
        }
        if let match = Self.caption.firstMatch(in: line, range: range) {
            return define(group(match, 2), LabelKind.of(group(match, 2))!, number) + group(match, 1)
        }
        if let match = Self.anyLabel.firstMatch(in: line, range: range) {
            let label = group(match, 1)
            let place = switch LabelKind.of(label)! {
            case .section: "at the end of a heading (`## Title {#\(label)}`)"
            case .equation: "right after the `$$` that closes a displayed equation"
            case .figure, .table: "at the end of a caption line after the block's output (`: Caption {#\(label)}`)"
            }
            problems.append(LineProblem(line: number, kind: .badReference, message: "the label `{#\(label)}` is not where a label can stand; put it \(place)"))
        }
        return line
    }

    private mutating func define(_ name: String, _ kind: LabelKind, _ line: Int) -> String {
        labels.append(LabelDefinition(name: name, kind: kind, line: line))
        return Self.marker(labels.count - 1)
    }
}

extension LabelMarkup {
    /// A heading's text without its marker, and the section label the marker stands for.
    static func split(_ text: String, labels: [LabelDefinition]) -> (text: String, label: String?) {
        guard let open = text.firstIndex(of: "\u{E004}"), let close = text[open...].firstIndex(of: "\u{E005}"),
              let index = Int(text[text.index(after: open)..<close]), index < labels.count else { return (text, nil) }
        let stripped = (text[..<open] + text[text.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        return (stripped, labels[index].kind == .section ? labels[index].name : nil)
    }
}

/// A label as the rest of the book refers to it.
struct ResolvedLabel: Equatable {
    let definition: LabelDefinition
    /// The element's `id` on its page.
    let anchor: String
    /// "Equation 4.2".
    let text: String
}

/// Finishes what `LabelMarkup` began, in the rendered HTML: a labelled equation gets its
/// number at its right and the label as its `id`; a caption gets "Figure 4.1:" before its
/// text and gives its label to the output just above it (the picture or table it describes),
/// so a link lands on the picture, not below it; a heading's marker goes (its `id` is already
/// set). Numbers count each kind separately within the lesson: `chapter.n`.
enum LabelRendering {
    static func apply(
        to html: String, labels: [LabelDefinition], headings: [Heading], chapter: Int?
    ) -> (html: String, resolved: [ResolvedLabel], problems: [LineProblem]) {
        guard !labels.isEmpty else { return (html, [], []) }
        var resolved: [ResolvedLabel] = []
        var problems: [LineProblem] = []
        var counts: [LabelKind: Int] = [:]
        // The k-th heading with a label's id is its k-th definition (a duplicate is reported
        // by the book, at its own line).
        var used: [String: Int] = [:]
        for heading in headings {
            let definitions = labels.filter { $0.kind == .section && $0.name == heading.id }
            let k = used[heading.id, default: 0]
            used[heading.id] = k + 1
            if k < definitions.count {
                let definition = definitions[k]
                let number = heading.number.map { " \($0)" } ?? " “\(heading.text)”"
                resolved.append(ResolvedLabel(definition: definition, anchor: heading.id, text: "Section" + number))
            }
        }
        func number(_ kind: LabelKind) -> String {
            counts[kind, default: 0] += 1
            return chapter.map { "\($0).\(counts[kind]!)" } ?? "\(counts[kind]!)"
        }
        var result = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "\u{E004}"), let close = rest[open...].firstIndex(of: "\u{E005}") {
            var before = rest[..<open]
            let index = Int(rest[rest.index(after: open)..<close]) ?? -1
            rest = rest[rest.index(after: close)...]
            guard labels.indices.contains(index) else { result += before; continue }
            let definition = labels[index]
            let id = HTMLText.escaped(definition.name)
            switch definition.kind {
            case .section:
                result += before.hasSuffix(" ") ? before.dropLast() : before
            case .equation:
                // The formula's placeholder ends just before the marker (spaces aside).
                while before.last == " " { before = before.dropLast() }
                guard before.hasSuffix("\u{E001}"), let start = before.range(of: "\u{E000}math", options: .backwards)?.lowerBound else {
                    problems.append(LineProblem(line: definition.line, kind: .badReference,
                                                message: "the label `{#\(definition.name)}` must follow the `$$` that closes a displayed equation"))
                    result += before
                    continue
                }
                let shown = number(.equation)
                let formula = before[start...]
                let tail = "<span class=\"equation-number\">(\(shown))</span>"
                let alone = before[..<start].hasSuffix("<p>") && rest.hasPrefix("</p>")
                if alone {
                    result += before[..<start].dropLast(3) + "<div class=\"equation\" id=\"\(id)\">" + formula + tail + "</div>"
                    rest = rest.dropFirst(4)
                } else {
                    result += before[..<start] + "<span class=\"equation\" id=\"\(id)\">" + formula + tail + "</span>"
                }
                resolved.append(ResolvedLabel(definition: definition, anchor: definition.name, text: "Equation \(shown)"))
            case .figure, .table:
                let shown = "\(definition.kind.word) \(number(definition.kind))"
                var emitted = result + before
                // The caption opens its paragraph; the output it describes is the last
                // printed output (a picture) or table before it, never the code.
                if emitted.hasSuffix("<p>") { emitted.removeLast(3); emitted += "<p class=\"caption\">" }
                let target = [emitted.range(of: "<pre class=\"output", options: .backwards), emitted.range(of: "<table", options: .backwards)]
                    .compactMap { $0 }.max { $0.lowerBound < $1.lowerBound }
                if let target, onlyClosingTags(between: target.upperBound, and: emitted),
                   let tagEnd = emitted[target.lowerBound...].firstIndex(of: ">"), !emitted[target.lowerBound..<tagEnd].contains(" id=") {
                    // Right after the tag's name: `<pre id="…" class="output">`, `<table id="…">`.
                    let name = emitted[target].hasPrefix("<pre") ? "<pre".count : "<table".count
                    emitted.insert(contentsOf: " id=\"\(id)\"", at: emitted.index(target.lowerBound, offsetBy: name))
                    resolved.append(ResolvedLabel(definition: definition, anchor: definition.name, text: shown))
                    result = emitted + "<span class=\"caption-label\">\(shown):</span> "
                } else {
                    problems.append(LineProblem(line: definition.line, kind: .badReference,
                                                message: "the caption `{#\(definition.name)}` has no table or picture of its own above it"))
                    result = emitted
                }
            }
        }
        return (result + rest, resolved, problems)
    }

    /// Whether the element that starts just before `start` ends, and only closing tags and
    /// spaces stand between its end and the caption that ends `html`.
    private static func onlyClosingTags(between start: String.Index, and html: String) -> Bool {
        guard let caption = html.range(of: "<p class=\"caption\">", options: .backwards),
              let end = [html.range(of: "</pre>", options: .backwards), html.range(of: "</table>", options: .backwards)]
                .compactMap({ $0 }).max(by: { $0.lowerBound < $1.lowerBound }),
              end.lowerBound > start, end.upperBound <= caption.lowerBound else { return false }
        var between = html[end.upperBound..<caption.lowerBound].drop { $0.isWhitespace }
        while between.hasPrefix("</"), let close = between.firstIndex(of: ">") {
            between = between[between.index(after: close)...].drop { $0.isWhitespace }
        }
        return between.isEmpty
    }
}
