import Foundation

/// The values a page shows in its prose, read back from its HTML (the links the site writes
/// for spliced values), so `lessons check` can say which numbers on a page changed rather
/// than only that the file did.
enum PageValueDifferences {
    struct ShownValue: Equatable {
        /// The recorded name (the title up to its first " = " or ",").
        let name: String
        let text: String
        let title: String
    }

    /// Every spliced value in `html`, in page order.
    static func values(in html: String) -> [ShownValue] {
        var found: [ShownValue] = []
        var rest = html[...]
        while let start = rest.range(of: " class=\"value\"") {
            rest = rest[start.upperBound...]
            guard let tagEnd = rest.firstIndex(of: ">") else { break }
            let attributes = rest[..<tagEnd]
            var title = ""
            if let titleStart = attributes.range(of: "title=\""), let titleEnd = attributes[titleStart.upperBound...].firstIndex(of: "\"") {
                title = Self.unescaped(String(attributes[titleStart.upperBound..<titleEnd]))
            }
            let body = rest[rest.index(after: tagEnd)...]
            guard let close = body.firstIndex(of: "<") else { break }
            let name = String(title.prefix { $0 != "," && $0 != " " })
            found.append(ShownValue(name: name, text: Self.unescaped(String(body[..<close])), title: title))
            rest = body[close...]
        }
        return found
    }

    /// One line per value whose text differs between the committed page and the new one,
    /// matching the n-th showing of a name in one with the n-th in the other.
    static func differences(page: String, committed: String, rendered: String) -> [String] {
        let before = values(in: committed), after = values(in: rendered)
        var lines: [String] = []
        var seen: [String: Int] = [:]
        for value in after {
            let occurrence = seen[value.name, default: 0]
            seen[value.name] = occurrence + 1
            let old = before.filter { $0.name == value.name }.dropFirst(occurrence).first
            guard let old else {
                lines.append("\(page): {{\(value.name)}} now shows \(value.text) (new on the page)")
                continue
            }
            if old.text != value.text {
                let source = value.title.range(of: "recorded at ").map { " (" + value.title[$0.lowerBound...] + ")" } ?? ""
                lines.append("\(page): {{\(value.name)}} \(old.text) -> \(value.text)\(source)")
            }
        }
        return lines
    }

    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
