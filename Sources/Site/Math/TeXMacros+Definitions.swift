import Foundation

extension TeXMacros {
    /// The commands that define a macro. `\def` is as global as `\gdef` here (see `TeXMacros`);
    /// `\edef` and `\xdef` are read as `\def`, their bodies expanded where used, not where defined.
    static let definers: Set<String> = ["gdef", "def", "xdef", "edef", "newcommand", "renewcommand", "providecommand"]

    /// Reads the definition after `\definer` (at `line`) from `reader` and records it.
    ///
    /// - Returns: what is wrong with it; a definition with a mistake is not recorded.
    mutating func define(_ definer: String, at line: Int, from reader: inout TeXTokenReader) -> [Problem] {
        let isLaTeX = definer.hasSuffix("command")
        reader.skipSpaces()
        // The name: `\name`, or for \newcommand also `{\name}`.
        var braced = false
        if isLaTeX, reader.peek?.isCharacter("{") == true {
            braced = true
            _ = reader.next()
            reader.skipSpaces()
        }
        guard let nameToken = reader.next(), case .command(let name) = nameToken.kind else {
            return [Problem(line: line, message: "`\\\(definer)` must be followed by the `\\name` it defines")]
        }
        if braced {
            reader.skipSpaces()
            guard reader.next()?.isCharacter("}") == true else {
                return [Problem(line: nameToken.line, message: "`\\\(definer){\\\(name)` needs its `}`")]
            }
        }
        var parameters = 0
        var optionalDefault: [TeXToken]?
        if isLaTeX {
            reader.skipSpaces()
            if let count = reader.bracketed() {
                let text = TeXToken.text(of: count).trimmingCharacters(in: .whitespaces)
                guard let number = Int(text), (0...9).contains(number) else {
                    return [Problem(line: nameToken.line, message: "`\\\(definer){\\\(name)}[\(text)]`: the number of arguments is 0 to 9")]
                }
                parameters = number
                reader.skipSpaces()
                if parameters > 0, let defaultValue = reader.bracketed() { optionalDefault = defaultValue }
            }
        } else {
            // TeX's parameter text: `#1#2…` in order, spaces between them allowed (as KaTeX
            // allows them: `\gdef \vect #1 {…}`).
            while true {
                reader.skipSpaces()
                guard let token = reader.peek, !token.isCharacter("{") else { break }
                guard case .parameter(let number) = token.kind, number == parameters + 1 else {
                    return [Problem(line: token.line, message: "`\\\(definer)\\\(name)` takes its parameters as `#1#2…` in order before its `{body}`; `\(TeXToken.text(of: [token]))` is not one (delimited parameters are not supported)")]
                }
                _ = reader.next()
                parameters = number
            }
        }
        reader.skipSpaces()
        let bodyLine = reader.peek?.line ?? nameToken.line
        guard let body = reader.argument(closedOnly: true) else {
            if let opened = reader.lastOpenedLine {
                return [Problem(line: opened, message: "the body of `\\\(name)` opened here is never closed")]
            }
            return [Problem(line: bodyLine, message: "`\\\(definer)\\\(name)` has no `{body}`")]
        }
        for token in body {
            if case .parameter(let number) = token.kind, number > parameters {
                return [Problem(line: token.line, message: "`#\(number)` in the body of `\\\(name)`, which takes \(parameters) argument(s)")]
            }
        }
        if definer == "newcommand", macros[name] != nil {
            return [Problem(line: nameToken.line, message: "`\\newcommand` of `\\\(name)`, which is already defined: use `\\renewcommand` to replace it")]
        }
        if definer == "providecommand", macros[name] != nil { return [] }
        macros[name] = Macro(parameters: parameters, optionalDefault: optionalDefault, body: body)
        return []
    }
}

/// Tokens read one at a time, with room to put a macro's expansion back in front.
struct TeXTokenReader {
    /// The tokens still to read, last first, so that reading and pushing back are cheap.
    private var stack: [TeXToken]
    /// Where the last group that was never closed opened, for the error.
    private(set) var lastOpenedLine: Int?

    init(_ tokens: [TeXToken]) { stack = tokens.reversed() }

    var peek: TeXToken? { stack.last }
    var remaining: Int { stack.count }

    mutating func next() -> TeXToken? { stack.popLast() }

    mutating func push(_ tokens: [TeXToken]) { stack.append(contentsOf: tokens.reversed()) }

    mutating func skipSpaces() {
        while let token = stack.last, token.isSpace { stack.removeLast() }
    }

    /// A macro argument: a braced group's content, or else one token; `nil` at the end or
    /// before a `}`. With `closedOnly`, only a braced group that closes.
    mutating func argument(closedOnly: Bool = false) -> [TeXToken]? {
        lastOpenedLine = nil
        skipSpaces()
        guard let first = stack.last, !first.isCharacter("}") else { return nil }
        guard first.isCharacter("{") else {
            return closedOnly ? nil : [stack.removeLast()]
        }
        let saved = stack
        stack.removeLast()
        var depth = 1
        var content: [TeXToken] = []
        while let token = stack.popLast() {
            if token.isCharacter("{") { depth += 1 }
            if token.isCharacter("}") {
                depth -= 1
                if depth == 0 { return content }
            }
            content.append(token)
        }
        lastOpenedLine = first.line
        stack = saved
        return closedOnly ? nil : [stack.removeLast()]
    }

    /// The content of `[…]` if one comes next (braces inside may hold a `]`).
    mutating func bracketed() -> [TeXToken]? {
        let saved = stack
        skipSpaces()
        guard stack.last?.isCharacter("[") == true else {
            stack = saved
            return nil
        }
        stack.removeLast()
        var depth = 0
        var content: [TeXToken] = []
        while let token = stack.popLast() {
            if token.isCharacter("{") { depth += 1 }
            if token.isCharacter("}") { depth -= 1 }
            if depth == 0, token.isCharacter("]") { return content }
            content.append(token)
        }
        stack = saved
        return nil
    }
}
