import Foundation

/// A cross-reference or a citation in a lesson's prose, in Quarto's (Pandoc's) syntax:
///
/// - `@eq-lstm`, `@fig-loss`, `@sec-forget`, `@tbl-runs` → "Equation 4.2", linked;
/// - `@greff2017` → "Greff et al. (2017)"; `[@greff2017]` → "(Greff et al., 2017)";
///   `[see @greff2017, sec. 3; @cho2014]` with a prefix and a locator; `[-@greff2017]` → "(2017)".
///
/// An `@` counts only at the start of a word (so `a@b.org` is not a citation); a name that is
/// neither a label nor a key in `references.bib` is an error at its line. Code is never read.
struct ReferenceUse: Equatable {
    struct Item: Equatable {
        let key: String
        /// `-@key`: the year only, when the sentence already names the authors.
        let suppressAuthor: Bool
        /// Text before the `@` inside brackets (`see`).
        let prefix: String
        /// Text after the comma (`p. 3`).
        let locator: String
    }

    let items: [Item]
    /// `[…]`: a parenthetical citation.
    let bracketed: Bool
    /// 1-based line of the Markdown cmark read (as cmark numbers lines).
    let line: Int
    /// The text as written, put back when a name is unknown.
    let source: String

    static func marker(_ index: Int) -> String { "\u{E006}\(index)\u{E007}" }

    private static let key = #"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"#
    private static let bracket = try! NSRegularExpression(pattern: #"\[([^\[\]]*?-?@"# + key + #"[^\[\]]*)\]"#)
    private static let item = try! NSRegularExpression(pattern: #"^\s*(.*?)(-?)@("# + key + #")\s*(?:,\s*(.*?))?\s*$"#)
    private static let bare = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_@.\]])@("# + key + #")"#)

    /// `text` with each reference replaced by a marker (`marker(first + i)`), and the references.
    static func extract(from text: String, line: Int, firstIndex: Int) -> (text: String, uses: [ReferenceUse]) {
        guard text.contains("@") else { return (text, []) }
        var uses: [ReferenceUse] = []
        var result = ""
        var rest = Substring(text)
        func add(_ use: ReferenceUse) -> String {
            uses.append(use)
            return marker(firstIndex + uses.count - 1)
        }
        // Brackets first, so `[@a; @b]` is one citation, not two bare ones.
        while !rest.isEmpty {
            let string = String(rest)
            let range = NSRange(string.startIndex..., in: string)
            guard let match = bracket.firstMatch(in: string, range: range),
                  let whole = Range(match.range, in: string), let inner = Range(match.range(at: 1), in: string) else {
                result += bareReferences(in: string, line: line, add: add)
                break
            }
            result += bareReferences(in: String(string[..<whole.lowerBound]), line: line, add: add)
            let pieces = string[inner].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let items = pieces.compactMap { piece -> Item? in
                let range = NSRange(piece.startIndex..., in: piece)
                guard let match = item.firstMatch(in: piece, range: range) else { return nil }
                func group(_ index: Int) -> String {
                    Range(match.range(at: index), in: piece).map { String(piece[$0]) } ?? ""
                }
                return Item(key: group(3), suppressAuthor: group(2) == "-", prefix: group(1).trimmingCharacters(in: .whitespaces), locator: group(4))
            }
            if items.count == pieces.count {
                result += add(ReferenceUse(items: items, bracketed: true, line: line, source: String(string[whole])))
            } else {
                result += bareReferences(in: String(string[whole]), line: line, add: add)
            }
            rest = Substring(string[whole.upperBound...])
        }
        return (result, uses)
    }

    private static func bareReferences(in text: String, line: Int, add: (ReferenceUse) -> String) -> String {
        var result = ""
        var last = text.startIndex
        for match in bare.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let name = Range(match.range(at: 1), in: text) else { continue }
            result += text[last..<whole.lowerBound]
            let item = Item(key: String(text[name]), suppressAuthor: false, prefix: "", locator: "")
            result += add(ReferenceUse(items: [item], bracketed: false, line: line, source: String(text[whole])))
            last = whole.upperBound
        }
        return result + text[last...]
    }
}
