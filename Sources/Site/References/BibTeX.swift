import Foundation

/// One entry of a BibTeX file, its field values already expanded (`@string` macros and `#`
/// concatenation) and turned from TeX into text (`{\"o}` → ö, `--` → –, braces dropped).
public struct BibEntry: Equatable, Sendable {
    /// The citation key, as written (`greff2017`).
    public let key: String
    /// The entry type, lower-cased (`article`, `inproceedings`, `misc`).
    public let type: String
    /// Field values by lower-cased name.
    public let fields: [String: String]
    /// The authors (or, failing those, the editors), split at `and` before braces were dropped,
    /// so `{Barnes and Noble}` stays one name.
    public let people: [PersonName]
    /// The 1-based line of the `@` that starts the entry.
    public let line: Int

    public init(key: String, type: String, fields: [String: String], people: [PersonName], line: Int) {
        self.key = key
        self.type = type
        self.fields = fields
        self.people = people
        self.line = line
    }
}

/// A BibTeX syntax error at a line of the file.
public struct BibTeXError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

/// A parser for BibTeX files: entries in braces or parentheses, fields in braces, quotes or
/// bare (numbers and `@string` macros, with BibTeX's month abbreviations predefined), `#`
/// concatenation, `@string`, `@comment` and `@preamble`, and text outside entries ignored,
/// as BibTeX does; between entries a `%` comments out the rest of its line.
public enum BibTeX {
    public static func parse(_ text: String) throws -> [BibEntry] {
        var parser = Parser(Array(text.unicodeScalars))
        return try parser.entries()
    }

    /// `names` split at every ` and ` outside braces (`{Barnes and Noble}` stays one name).
    fileprivate static func splitNames(_ names: String) -> [String] {
        var result: [String] = [], current = "", depth = 0
        let scalars = Array(names.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" { depth += 1 } else if scalar == "}" { depth -= 1 }
            if depth == 0, scalar.properties.isWhitespace, index + 4 < scalars.count,
               String(String.UnicodeScalarView(scalars[(index + 1)...(index + 3)])).lowercased() == "and",
               scalars[index + 4].properties.isWhitespace {
                result.append(current)
                current = ""
                index += 5
                continue
            }
            current.unicodeScalars.append(scalar)
            index += 1
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private struct Parser {
        let text: [Unicode.Scalar]
        var index = 0
        var line = 1
        var macros: [String: String] = [
            "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
            "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
        ]

        init(_ text: [Unicode.Scalar]) { self.text = text }

        mutating func entries() throws -> [BibEntry] {
            var entries: [BibEntry] = []
            var seen: [String: Int] = [:]
            while skip(to: "@") {
                let start = line
                advance()
                let type = identifier().lowercased()
                guard !type.isEmpty else { throw error("`@` must be followed by an entry type (`@article{…}`)") }
                skipSpace()
                guard let open = peek, open == "{" || open == "(" else {
                    throw error("`@\(type)` must be followed by `{` or `(`")
                }
                let close: Unicode.Scalar = open == "{" ? "}" : ")"
                advance()
                switch type {
                case "comment":
                    try skipBalanced(from: open, to: close, startLine: start)
                case "preamble":
                    _ = try value(startLine: start)
                    try expectClose(close, entryLine: start)
                case "string":
                    skipSpace()
                    let name = identifier().lowercased()
                    guard !name.isEmpty else { throw error("`@string` needs a name (`@string{ieee = \"IEEE\"}`)") }
                    try expect("=", what: "after the string's name")
                    macros[name] = try value(startLine: start)
                    try expectClose(close, entryLine: start)
                default:
                    skipSpace()
                    let key = citationKey()
                    guard !key.isEmpty else { throw error("`@\(type)` has no citation key") }
                    if let first = seen[key] { throw error("the key `\(key)` is used twice (first at line \(first))", at: start) }
                    seen[key] = start
                    var fields: [String: String] = [:]
                    var names: [String: [PersonName]] = [:]
                    while true {
                        skipSpace()
                        if peek == close { advance(); break }
                        guard peek == "," else {
                            if peek == nil { throw error("the entry `\(key)` is never closed", at: start) }
                            throw error("expected `,` or `\(Character(close))` in the entry `\(key)`")
                        }
                        advance()
                        skipSpace()
                        if peek == close { advance(); break }
                        let fieldLine = line
                        let name = identifier().lowercased()
                        guard !name.isEmpty else { throw error("expected a field name in the entry `\(key)`") }
                        if fields[name] != nil { throw error("the field `\(name)` appears twice in `\(key)`", at: fieldLine) }
                        try expect("=", what: "after the field `\(name)`")
                        let raw = try value(startLine: fieldLine)
                        fields[name] = TeXText.plain(raw)
                        if name == "author" || name == "editor" { names[name] = BibTeX.splitNames(raw).map(PersonName.init) }
                    }
                    entries.append(BibEntry(key: key, type: type, fields: fields, people: names["author"] ?? names["editor"] ?? [], line: start))
                }
            }
            return entries
        }

        // MARK: Values

        /// A field value: pieces joined by `#`, each braced, quoted, a number or a macro.
        mutating func value(startLine: Int) throws -> String {
            var result = ""
            repeat {
                skipSpace()
                switch peek {
                case "{":
                    advance()
                    result += try balanced(until: "}", startLine: line)
                case "\"":
                    advance()
                    result += try balanced(until: "\"", startLine: line)
                case let scalar? where scalar.properties.numericType != nil:
                    while let digit = peek, digit.properties.numericType != nil { result.unicodeScalars.append(digit); advance() }
                case .some:
                    let name = identifier().lowercased()
                    guard !name.isEmpty else { throw error("expected a value: `{…}`, `\"…\"`, a number or a `@string` name") }
                    guard let expansion = macros[name] else { throw error("`\(name)` is not a defined `@string`") }
                    result += expansion
                case nil:
                    throw error("the file ends inside a value", at: startLine)
                }
                skipSpace()
            } while consume("#")
            return result
        }

        /// Text up to the `end` that closes it at brace depth 0, inner braces kept.
        mutating func balanced(until end: Unicode.Scalar, startLine: Int) throws -> String {
            var result = ""
            var depth = 0
            while let scalar = peek {
                if scalar == end && depth == 0 { advance(); return result }
                if scalar == "{" { depth += 1 } else if scalar == "}" {
                    if depth == 0 { throw error("a `}` closes nothing") }
                    depth -= 1
                }
                result.unicodeScalars.append(scalar)
                advance()
            }
            throw error("a value opened here is never closed", at: startLine)
        }

        mutating func skipBalanced(from open: Unicode.Scalar, to close: Unicode.Scalar, startLine: Int) throws {
            var depth = 1
            while let scalar = peek {
                advance()
                if scalar == open { depth += 1 } else if scalar == close { depth -= 1; if depth == 0 { return } }
            }
            throw error("an `@comment` opened here is never closed", at: startLine)
        }

        // MARK: Tokens

        var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

        mutating func advance() {
            if text[index] == "\n" { line += 1 }
            index += 1
        }

        mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
            guard peek == scalar else { return false }
            advance()
            return true
        }

        mutating func expect(_ scalar: Unicode.Scalar, what: String) throws {
            skipSpace()
            guard consume(scalar) else { throw error("expected `\(Character(scalar))` \(what)") }
        }

        mutating func expectClose(_ close: Unicode.Scalar, entryLine: Int) throws {
            skipSpace()
            guard consume(close) else { throw error("expected `\(Character(close))` to close the entry", at: entryLine) }
        }

        /// Skips text between entries, where a `%` starts a comment to the end of its line
        /// (as biber and most tools read it), so `% cite as @key` is not an entry.
        mutating func skip(to target: Unicode.Scalar) -> Bool {
            while let scalar = peek, scalar != target {
                if scalar == "%" {
                    while let inComment = peek, inComment != "\n" { advance() }
                } else {
                    advance()
                }
            }
            return peek != nil
        }

        mutating func skipSpace() {
            while let scalar = peek, scalar.properties.isWhitespace { advance() }
        }

        /// A name: letters, digits and `_-:.+/'`, as BibTeX allows in types, fields and macros.
        mutating func identifier() -> String {
            var result = ""
            while let scalar = peek, scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_-:.+/'".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
                advance()
            }
            return result
        }

        /// A key runs to the first comma, space or closing delimiter.
        mutating func citationKey() -> String {
            var result = ""
            while let scalar = peek, scalar != ",", scalar != "}", scalar != ")", !scalar.properties.isWhitespace {
                result.unicodeScalars.append(scalar)
                advance()
            }
            return result
        }

        func error(_ message: String, at line: Int? = nil) -> BibTeXError {
            BibTeXError(line: line ?? self.line, message: message)
        }
    }
}
