import Foundation

/// The index behind the site's search: one entry per section of every lesson (the text under
/// each `h2`/`h3`, and the lesson's opening before its first heading), written as a script,
/// `search-index.js`, that the search page loads. A script rather than a JSON file because a
/// page opened from `file://` may load scripts but not fetch files.
enum SearchIndex {
    static let fileName = "search-index.js"

    struct Entry: Equatable {
        /// The page's file name, `09-lstm-variants.html`.
        let page: String
        let lessonTitle: String
        /// The section's heading; empty for the text before the first heading.
        let section: String
        /// The heading's anchor; empty for the opening.
        let anchor: String
        /// The section's words as a reader sees them: prose, tables and code, without the
        /// experiments' printed output and without formulas' markup.
        let text: String
    }

    /// The sections of one rendered lesson body.
    static func entries(page: String, lessonTitle: String, html: String) -> [Entry] {
        var entries: [Entry] = []
        var section = "", anchor = ""
        var current = ""
        func flush() {
            let text = normalisedSpaces(current)
            if !text.isEmpty || !section.isEmpty {
                entries.append(Entry(page: page, lessonTitle: lessonTitle, section: section, anchor: anchor, text: text))
            }
            current = ""
        }
        var rest = Substring(html)
        while true {
            let next = [rest.range(of: "<h2 id=\""), rest.range(of: "<h3 id=\"")].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            guard let heading = next else { break }
            current += plainText(rest[..<heading.lowerBound])
            flush()
            let afterOpen = rest[heading.upperBound...]
            guard let quote = afterOpen.firstIndex(of: "\""), let close = afterOpen.range(of: "</h") else { break }
            anchor = String(afterOpen[..<quote])
            let headingInner = afterOpen[afterOpen.index(after: quote)..<close.lowerBound]
            section = normalisedSpaces(plainText(headingInner.drop { $0 != ">" }.dropFirst()))
            rest = afterOpen[close.upperBound...]
            if let end = rest.firstIndex(of: ">") { rest = rest[rest.index(after: end)...] }
        }
        current += plainText(rest)
        flush()
        return entries
    }

    /// The script: `window.LESSONS_SEARCH = [[page, lesson, section, anchor, text], …];`.
    static func script(_ entries: [Entry]) -> String {
        let rows = entries.map { entry in
            "[" + [entry.page, entry.lessonTitle, entry.section, entry.anchor, entry.text].map(jsonString).joined(separator: ",") + "]"
        }
        return "// The site's search index, written by `lessons build`.\nwindow.LESSONS_SEARCH = [\n"
            + rows.joined(separator: ",\n") + "\n];\n"
    }

    /// The entries of a script `script(_:)` wrote (for a partial build, which keeps the entries
    /// of pages it did not rebuild); none if it is not one.
    static func entries(fromScript script: String) -> [Entry] {
        guard let open = script.range(of: "window.LESSONS_SEARCH = "),
              let data = script[open.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
                .dropLast(script.hasSuffix(";\n") || script.hasSuffix(";") ? 1 : 0).data(using: .utf8),
              let rows = try? JSONSerialization.jsonObject(with: data) as? [[String]] else { return [] }
        return rows.compactMap { row in
            row.count == 5 ? Entry(page: row[0], lessonTitle: row[1], section: row[2], anchor: row[3], text: row[4]) : nil
        }
    }

    /// `html` as text: tags dropped, entities decoded, printed output, exercises' solutions and
    /// MathML markup left out
    /// (a formula keeps its TeX source, which is what a reader would type).
    static func plainText(_ html: Substring) -> String {
        var text = ""
        var rest = html
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            let tag = rest[open...]
            if tag.hasPrefix("<pre class=\"output"), let end = tag.range(of: "</pre>") {
                rest = tag[end.upperBound...]
                text += " "
                continue
            }
            // An exercise's folded solution: a search must not show the answer.
            if tag.hasPrefix("<details class=\"solution"), let end = tag.range(of: "</details>") {
                rest = tag[end.upperBound...]
                text += " "
                continue
            }
            if tag.hasPrefix("<math"), let end = tag.range(of: "</math>") {
                let inner = tag[..<end.lowerBound]
                if let annotation = inner.range(of: "encoding=\"application/x-tex\">"),
                   let annotationEnd = inner[annotation.upperBound...].range(of: "</annotation>") {
                    text += " " + inner[annotation.upperBound..<annotationEnd.lowerBound] + " "
                }
                rest = tag[end.upperBound...]
                continue
            }
            guard let close = tag.firstIndex(of: ">") else { break }
            let name = tag.dropFirst().prefix { $0.isLetter || $0 == "/" }
            // Block-level tags separate words; inline ones do not.
            if ["p", "/p", "li", "/li", "td", "th", "br", "/h2", "/h3", "pre", "/pre", "tr", "div", "/div"].contains(String(name)) {
                text += " "
            }
            rest = tag[tag.index(after: close)...]
        }
        text += rest
        return HTMLText.unescaped(text)
    }

    static func normalisedSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` as a JSON (and JavaScript) string literal; `</` is broken up so the index can
    /// never close a script element.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "/": result += "\\/"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
