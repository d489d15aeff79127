/// `id` anchors for headings: lower-case words joined by hyphens, numbered when repeated, so
/// every section has a link that stays the same while its title does; or the label the lesson
/// gave (`## The forget gate {#sec-forget}`). In a numbered lesson (one with an `order`), each
/// `h2` and `h3` also gets a section number, "4.2" and "4.2.1", shown before its title.
enum HeadingAnchors {
    /// - Parameters:
    ///   - headings: levels and plain texts; a labelled heading's text ends with its marker
    ///     (`LabelMarkup.marker`).
    ///   - labels: the page's label definitions, by marker index.
    ///   - chapter: the lesson's number, or `nil` to number nothing.
    static func assign(_ headings: [(Int, String)], labels: [LabelDefinition] = [], chapter: Int? = nil) -> [Heading] {
        var used: [String: Int] = [:]
        var taken: Set<String> = []
        var counters = [0, 0]   // h2, h3
        let explicit = Set(labels.filter { $0.kind == .section }.map(\.name))
        return headings.map { level, marked in
            let (text, label) = LabelMarkup.split(marked, labels: labels)
            var number: String?
            if let chapter, level == 2 || level == 3 {
                if level == 2 { counters = [counters[0] + 1, 0] } else { counters[1] += 1 }
                number = level == 2 ? "\(chapter).\(counters[0])" : "\(chapter).\(counters[0]).\(counters[1])"
            }
            if let label { return Heading(level: level, id: label, text: text, number: number) }
            var base = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
            if base.isEmpty { base = "section" }
            // Never the same as another heading's anchor, nor a label given on the page.
            var count = used[base, default: 0]
            var id = count == 0 ? base : "\(base)-\(count)"
            while explicit.contains(id) || taken.contains(id) {
                count += 1
                id = "\(base)-\(count)"
            }
            used[base] = count + 1
            taken.insert(id)
            return Heading(level: level, id: id, text: text, number: number)
        }
    }

    /// `html` with `id`s (and section numbers) on its headings, in order. cmark writes headings
    /// as a bare `<hN>`, and the lesson's own HTML has been escaped, so each bare tag is one of
    /// `headings`.
    static func insert(_ headings: [Heading], into html: String) -> String {
        var result = ""
        var rest = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            let number = heading.number.map { "<span class=\"section-number\">\($0)</span> " } ?? ""
            result += rest[..<range.lowerBound] + "<h\(heading.level) id=\"\(HTMLText.escaped(heading.id))\">" + number
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
