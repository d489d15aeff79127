/// Swift source as HTML with its keywords, types, strings, numbers, comments and attributes in
/// `<span class="hl-…">`, done at build time so pages need no script.
///
/// A lexer, not a parser: it knows where comments, strings and numbers start and end (nested
/// block comments, multi-line strings and interpolation included), and which identifiers are
/// keywords or capitalised type names. Everything is HTML-escaped.
enum SwiftHighlighter {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as",
        "is", "nil", "self", "Self", "super", "throws", "true", "false", "try", "await", "async", "some", "any",
        "mutating", "nonmutating", "override", "final", "lazy", "weak", "unowned", "convenience", "required",
        "get", "set", "willSet", "didSet", "consume", "borrowing", "consuming", "sending", "nonisolated",
    ]

    static func html(_ code: String) -> String {
        let characters = Array(code)
        var output = ""
        var index = 0
        func span(_ kind: String, _ text: some StringProtocol) {
            output += "<span class=\"hl-\(kind)\">\(HTMLText.escaped(String(text)))</span>"
        }
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text)
            return position + pattern.count <= characters.count && Array(characters[position..<(position + pattern.count)]) == pattern
        }
        while index < characters.count {
            let character = characters[index]
            if starts("//", at: index) {
                var end = index
                while end < characters.count && characters[end] != "\n" { end += 1 }
                span("comment", String(characters[index..<end]))
                index = end
            } else if starts("/*", at: index) {
                var depth = 0
                var end = index
                repeat {
                    if starts("/*", at: end) { depth += 1; end += 2 }
                    else if starts("*/", at: end) { depth -= 1; end += 2 }
                    else { end += 1 }
                } while depth > 0 && end < characters.count
                span("comment", String(characters[index..<min(end, characters.count)]))
                index = min(end, characters.count)
            } else if character == "\"" {
                index = string(characters, from: index, into: &output)
            } else if character.isNumber {
                var end = index + 1
                while end < characters.count,
                      characters[end].isHexDigit || characters[end] == "_" || characters[end] == "x"
                        || (characters[end] == "." && end + 1 < characters.count && characters[end + 1].isNumber)
                        || ((characters[end] == "-" || characters[end] == "+") && (characters[end - 1] == "e" || characters[end - 1] == "E")) {
                    end += 1
                }
                span("number", String(characters[index..<end]))
                index = end
            } else if character.isLetter || character == "_" || ((character == "@" || character == "#") && index + 1 < characters.count && characters[index + 1].isLetter) {
                var end = index + 1
                while end < characters.count && (characters[end].isLetter || characters[end].isNumber || characters[end] == "_") { end += 1 }
                let word = String(characters[index..<end])
                if character == "@" {
                    span("attribute", word)
                } else if character == "#" || keywords.contains(word) {
                    span("keyword", word)
                } else if character.isUppercase {
                    span("type", word)
                } else {
                    output += HTMLText.escaped(word)
                }
                index = end
            } else {
                output += HTMLText.escaped(String(character))
                index += 1
            }
        }
        return output
    }

    /// A string literal from its opening quote, with interpolated code highlighted as code.
    /// - Returns: the index after the closing quote.
    private static func string(_ characters: [Character], from start: Int, into output: inout String) -> Int {
        let multiline = start + 2 < characters.count && characters[start + 1] == "\"" && characters[start + 2] == "\""
        let delimiter = multiline ? 3 : 1
        var index = start + delimiter
        var literal = String(repeating: "\"", count: delimiter)
        func flush() {
            if !literal.isEmpty { output += "<span class=\"hl-string\">\(HTMLText.escaped(literal))</span>" }
            literal = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\" && index + 1 < characters.count && characters[index + 1] == "(" {
                // Interpolation: the code inside is code.
                literal += "\\("
                flush()
                var depth = 1
                var end = index + 2
                while end < characters.count && depth > 0 {
                    if characters[end] == "(" { depth += 1 }
                    if characters[end] == ")" { depth -= 1 }
                    end += 1
                }
                output += html(String(characters[(index + 2)..<max(index + 2, end - 1)]))
                literal = ")"
                index = end
                continue
            }
            if character == "\\" && index + 1 < characters.count {
                literal += String(characters[index...(index + 1)])
                index += 2
                continue
            }
            if character == "\"" && (!multiline || (index + 2 < characters.count && characters[index + 1] == "\"" && characters[index + 2] == "\"")) {
                literal += String(repeating: "\"", count: delimiter)
                index += delimiter
                break
            }
            if character == "\n" && !multiline { break }
            literal.append(character)
            index += 1
        }
        flush()
        return index
    }
}
