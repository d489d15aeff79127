/// TeX read as tokens, as TeX itself reads it before expanding macros: a macro is replaced
/// token by token, so `\vx` never matches the start of `\vxy` and an argument is a whole group.
struct TeXToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// `\name` (letters) or `\c` (one other character), without the backslash.
        case command(String)
        /// `#1`…`#9` in a macro's body.
        case parameter(Int)
        case character(Character)
    }

    let kind: Kind
    /// 1-based line in the text read, for errors in `lessons/macros.tex`.
    let line: Int

    var isSpace: Bool {
        if case .character(let character) = kind { return character.isWhitespace }
        return false
    }

    func isCharacter(_ character: Character) -> Bool { kind == .character(character) }

    /// Which `%` start a comment, dropped to the end of their line as TeX drops them.
    enum Comments {
        /// Every `%` (a file of definitions).
        case all
        /// A `%` with a line of the formula after it: a block of definitions may explain itself
        /// (`\gdef\vx{…} % the input`), while `$5%$` keeps the percent sign it has always shown.
        case beforeLineEnd
    }

    /// Tokens of `text`.
    static func tokenize(_ text: String, comments: Comments = .beforeLineEnd) -> [TeXToken] {
        let characters = Array(text)
        var tokens: [TeXToken] = []
        var index = 0
        var line = 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                let start = index + 1
                var end = start
                while end < characters.count, characters[end].isLetter { end += 1 }
                if end == start { end += 1 }
                tokens.append(TeXToken(kind: .command(String(characters[start..<end])), line: line))
                line += characters[start..<end].filter(\.isNewline).count
                index = end
            } else if character == "#", index + 1 < characters.count, let digit = characters[index + 1].wholeNumberValue, digit >= 1 {
                tokens.append(TeXToken(kind: .parameter(digit), line: line))
                index += 2
            } else if character == "%", comments == .all || characters[index...].contains(where: \.isNewline) {
                while index < characters.count, !characters[index].isNewline { index += 1 }
            } else {
                tokens.append(TeXToken(kind: .character(character), line: line))
                if character.isNewline { line += 1 }
                index += 1
            }
        }
        return tokens
    }

    /// `tokens` written back as TeX. A control word is followed by a space where a letter
    /// comes next, so that `\alpha` then `x` does not read back as `\alphax`.
    static func text(of tokens: [TeXToken]) -> String {
        var text = ""
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .character(let character):
                text.append(character)
            case .parameter(let number):
                text += "#\(number)"
            case .command(let name):
                text += "\\" + name
                let isWord = name.first?.isLetter ?? false
                if isWord, index + 1 < tokens.count, case .character(let next) = tokens[index + 1].kind, next.isLetter {
                    text.append(" ")
                }
            }
        }
        return text
    }
}
