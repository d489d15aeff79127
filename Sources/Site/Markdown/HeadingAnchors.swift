/// `id` anchors for headings: lower-case words joined by hyphens, numbered when repeated, so
/// every section has a link that stays the same while its title does.
enum HeadingAnchors {
    static func assign(_ headings: [(Int, String)]) -> [Heading] {
        var used: [String: Int] = [:]
        return headings.map { level, text in
            var base = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
            if base.isEmpty { base = "section" }
            let count = used[base, default: 0]
            used[base] = count + 1
            return Heading(level: level, id: count == 0 ? base : "\(base)-\(count)", text: text)
        }
    }

    /// `html` with `id`s on its headings, in order. cmark writes headings as a bare `<hN>`, and
    /// the lesson's own HTML has been escaped, so each bare tag is one of `headings`.
    static func insert(_ headings: [Heading], into html: String) -> String {
        var result = ""
        var rest = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = rest.range(of: tag) else { break }
            result += rest[..<range.lowerBound] + "<h\(heading.level) id=\"\(heading.id)\">"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
