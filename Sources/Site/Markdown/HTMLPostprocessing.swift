import Foundation

/// The last touches to cmark's HTML, done in one pass over its bytes (a find-and-replace per
/// formula would rescan the whole page for each one).
enum HTMLPostprocessing {
    /// `html` with each math placeholder replaced by `mathML[index]`. A displayed formula that
    /// sits alone in a paragraph replaces the paragraph (`<p>` and `</p>` go too).
    static func substituteMath(in html: String, mathML: [String], display: [Bool]) -> String {
        guard !mathML.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let open: [UInt8] = [0xEE, 0x80, 0x80]    // U+E000
        let close: [UInt8] = [0xEE, 0x80, 0x81]   // U+E001
        let paragraphOpen = Array("<p>".utf8)
        let paragraphClose = Array("</p>".utf8)
        let prefix = Array("math".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + mathML.reduce(0) { $0 + $1.utf8.count })
        var index = 0
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            position >= 0 && position + pattern.count <= bytes.count && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
        }
        while index < bytes.count {
            guard matches(open, at: index), matches(prefix, at: index + 3) else {
                result.append(bytes[index])
                index += 1
                continue
            }
            var end = index + 3 + prefix.count
            var number = 0
            while end < bytes.count, (48...57).contains(bytes[end]) {
                number = number * 10 + Int(bytes[end] - 48)
                end += 1
            }
            guard matches(close, at: end), number < mathML.count else {
                result.append(bytes[index])
                index += 1
                continue
            }
            end += close.count
            // Alone in a paragraph: drop the "<p>" already copied and skip the "</p>".
            if display[number], result.count >= paragraphOpen.count,
               result[(result.count - paragraphOpen.count)...].elementsEqual(paragraphOpen), matches(paragraphClose, at: end) {
                result.removeLast(paragraphOpen.count)
                end += paragraphClose.count
                // A formula of definitions only leaves no blank line either.
                if mathML[number].isEmpty, end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 }
            }
            result.append(contentsOf: mathML[number].utf8)
            index = end
        }
        let substituted = String(decoding: result, as: UTF8.self)
        // A formula of macro definitions only is empty; a paragraph of nothing else goes too.
        guard mathML.contains(where: \.isEmpty) else { return substituted }
        return substituted.replacingOccurrences(of: "<p>[ \t\n]*</p>\n?", with: "", options: .regularExpression)
    }

    /// cmark-gfm aligns table cells with the `align` attribute, obsolete in HTML5; this
    /// writes the same alignment as CSS.
    static func alignTableCellsWithCSS(_ html: String) -> String {
        let bytes = Array(html.utf8)
        let attribute = Array(" align=\"".utf8)
        let style = Array(" style=\"text-align: ".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            // `<td align="…">` or `<th align="…">`: the tag name ends just before the attribute.
            if bytes[index] == UInt8(ascii: " "), index >= 3,
               bytes[index - 3] == UInt8(ascii: "<"), bytes[index - 2] == UInt8(ascii: "t"),
               bytes[index - 1] == UInt8(ascii: "d") || bytes[index - 1] == UInt8(ascii: "h"),
               index + attribute.count <= bytes.count, bytes[index..<(index + attribute.count)].elementsEqual(attribute) {
                result.append(contentsOf: style)
                index += attribute.count
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `html` with each value placeholder replaced: a recorded value by a link to its block
    /// (`<a class="value" href="#block-…" title="…">text</a>`), a literal by its text. Inside a
    /// tag (an image's `alt`, say) only the escaped text goes in.
    static func substituteValues(in html: String, values: [InlineValue]) -> String {
        guard !values.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + values.count * 96)
        var insideTag = false
        var number: Int?
        for scalar in html.unicodeScalars {
            if let current = number {
                if scalar == "\u{E003}" {
                    if current < values.count {
                        let value = values[current]
                        result += insideTag ? HTMLText.escaped(value.text) : element(for: value)
                    }
                    number = nil
                } else if let digit = Int(String(scalar)) {
                    number = current * 10 + digit
                }
                continue
            }
            switch scalar {
            case "\u{E002}": number = 0; continue
            case "<": insideTag = true
            case ">": insideTag = false
            default: break
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private static func element(for value: InlineValue) -> String {
        let text = HTMLText.escaped(value.text)
        let title = value.title.map { " title=\"\(HTMLText.escaped($0))\"" } ?? ""
        if let anchor = value.anchor {
            return "<a class=\"value\" href=\"#\(HTMLText.escaped(anchor))\"\(title)>\(text)</a>"
        }
        return title.isEmpty ? text : "<span class=\"value\"\(title)>\(text)</span>"
    }

    /// `text` (a heading's, for its anchor and the table of contents) with value placeholders
    /// replaced by the values' plain text.
    static func plainValues(in text: String, values: [InlineValue]) -> String {
        guard text.unicodeScalars.contains("\u{E002}") else { return text }
        var result = text
        for (index, value) in values.enumerated().reversed() {
            result = result.replacingOccurrences(of: InlineValue.placeholder(index), with: value.text)
        }
        return result
    }
}
