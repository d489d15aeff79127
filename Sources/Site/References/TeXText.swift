import Foundation

/// BibTeX field text, which is TeX, as a reader should see it: accents and special letters as
/// Unicode (`{\"o}`, `\"{o}`, `\'e`, `\c{c}`, `\ss`), `--` and `---` as dashes, `~` as a
/// no-break space, escaped `\& \% \$ \_ \#` as themselves, and grouping braces dropped.
enum TeXText {
    /// Combining marks for the accent commands: `\"o` is o followed by U+0308.
    private static let accents: [Character: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]
    /// Letters written as commands.
    private static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "l": "ł", "L": "Ł", "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—", "LaTeX": "LaTeX", "TeX": "TeX", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    ]

    static func plain(_ tex: String) -> String {
        let characters = Array(tex)
        var result = ""
        var index = 0
        /// The next argument of an accent: `{o}`, `o`, or `{\i}`.
        func argument() -> String {
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count else { return "" }
            if characters[index] == "{" {
                var depth = 0, inner = ""
                while index < characters.count {
                    let character = characters[index]
                    index += 1
                    if character == "{" { depth += 1; if depth == 1 { continue } }
                    if character == "}" { depth -= 1; if depth == 0 { break } }
                    inner.append(character)
                }
                return plain(inner)
            }
            if characters[index] == "\\" {
                let start = index + 1
                var end = start
                while end < characters.count, characters[end].isLetter { end += 1 }
                let name = String(characters[start..<end])
                index = end
                return letters[name] ?? name
            }
            defer { index += 1 }
            return String(characters[index])
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "{", "}":
                index += 1
            case "~":
                result += "\u{00A0}"
                index += 1
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                let isEm = index + 2 < characters.count && characters[index + 2] == "-"
                result += isEm ? "—" : "–"
                index += isEm ? 3 : 2
            case "\\":
                index += 1
                guard index < characters.count else { break }
                let next = characters[index]
                if let mark = accents[next], !(next.isLetter && index + 1 < characters.count && characters[index + 1].isLetter) {
                    index += 1
                    var base = argument()
                    if base == "ı" { base = "i" }   // `\'{\i}`: the dotless i takes the accent as i
                    if !base.isEmpty {
                        base.unicodeScalars.insert(mark, at: base.unicodeScalars.index(after: base.unicodeScalars.startIndex))
                    }
                    result += base.precomposedStringWithCanonicalMapping
                } else if next.isLetter {
                    let start = index
                    while index < characters.count, characters[index].isLetter { index += 1 }
                    let name = String(characters[start..<index])
                    // `\ss{}` and `\ss ` end the command; the space or braces are not text.
                    if index + 1 < characters.count, characters[index] == "{", characters[index + 1] == "}" { index += 2 }
                    else if index < characters.count, characters[index] == " ", letters[name] != nil { index += 1 }
                    result += letters[name] ?? ""
                    // Any other command (`\emph{…}`, `\url{…}`) keeps its braced argument's text.
                    if letters[name] == nil, index < characters.count, characters[index] == "{" { result += argument() }
                } else {
                    result.append(next)
                    index += 1
                }
            default:
                result.append(character)
                index += 1
            }
        }
        return result.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
