import Foundation

/// A name from a BibTeX author list, in any of BibTeX's three forms: `First von Last`,
/// `von Last, First` and `von Last, Jr, First`. `others` (from `and others`) stands for
/// authors not listed. Braced groups (`{World Health Organization}`) are one word.
public struct PersonName: Equatable, Sendable {
    /// Given names (`Sepp`), empty for an organisation or a single name.
    public let given: String
    /// The family name with its particle, as cited: `Hochreiter`, `van der Maaten`.
    public let family: String
    /// `and others` in the list.
    public let isOthers: Bool

    public init(_ raw: String) {
        let words = Self.words(raw)
        isOthers = words == ["others"]
        let parts = Self.splitAtCommas(raw)
        if parts.count >= 2 {
            family = TeXText.plain(parts[0])
            given = TeXText.plain(parts[parts.count - 1])
        } else if words.count <= 1 {
            (given, family) = ("", TeXText.plain(raw))
        } else {
            // `First von Last`: the family name starts at the first lower-case word (a
            // particle such as "van" or "de") after the first, else it is the last word.
            let particle = words.indices.dropFirst().dropLast().first { index in
                words[index].first.map { $0.isLowercase } ?? false
            }
            let split = particle ?? words.count - 1
            given = TeXText.plain(words[..<split].joined(separator: " "))
            family = TeXText.plain(words[split...].joined(separator: " "))
        }
    }

    /// `S. Hochreiter`: initials of the given names, then the family name.
    public var shortForm: String {
        let initials = given.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map { part -> String in
            // Hyphenated given names keep the hyphen: Jean-Paul → J.-P.
            part.split(separator: "-").compactMap { $0.first.map { "\($0)." } }.joined(separator: "-")
        }
        return (initials + [family]).joined(separator: " ")
    }

    /// The words of `raw` at brace depth 0, braced groups kept whole.
    private static func words(_ raw: String) -> [String] {
        var words: [String] = [], current = "", depth = 0
        for character in raw {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if depth == 0, character == " " || character == "\n" || character == "\t" || character == "~" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func splitAtCommas(_ raw: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for character in raw {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if depth == 0, character == "," { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
