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
            }
            result.append(contentsOf: mathML[number].utf8)
            index = end
        }
        return String(decoding: result, as: UTF8.self)
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
}
