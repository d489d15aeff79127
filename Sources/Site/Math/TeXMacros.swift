/// Macros as the field writes them — `\gdef\vect#1{\boldsymbol{#1}}`, `\def`,
/// `\newcommand{\pd}[2]{…}`, `\renewcommand` — expanded before a formula is converted, so the
/// converter only ever sees TeX it knows.
///
/// Scope: a definition lasts for the rest of the page, whichever command made it. That is what
/// KaTeX's `\gdef` does across the formulas of a page and what MathJax does for all of them;
/// source material that defines its notation in a block of `$$\gdef…$$` at the top relies on
/// it. Book-wide definitions come from `lessons/macros.tex` (`parseFile`), and every page
/// starts from those.
///
/// Expansion is TeX's: a macro's body replaces it with `#1`…`#9` filled in, and is read again,
/// so macros may use macros. A macro that keeps using itself stops after `expansionLimit`
/// steps with a warning instead of hanging the build.
public struct TeXMacros: Equatable, Sendable {
    struct Macro: Equatable, Sendable {
        let parameters: Int
        /// The default of an optional first argument (`\newcommand\x[2][0]{…}`), which a use
        /// gives in brackets, or not at all.
        let optionalDefault: [TeXToken]?
        let body: [TeXToken]
    }

    /// What expanding one formula gave.
    public struct Expansion: Equatable, Sendable {
        /// The formula with its definitions taken out and its macros expanded.
        public let tex: String
        /// The formula held definitions and nothing else: it shows nothing on the page.
        public let onlyDefinitions: Bool
        /// The expansion did not end (see `expansionLimit`); `tex` is the formula as written.
        public let overflowed: Bool
        public let warnings: [String]
    }

    /// A mistake in a definition: its 1-based line in the text read, and what is wrong.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Macro expansions one formula may take: far more than any notation needs, few enough to
    /// stop a macro that uses itself at once.
    static let expansionLimit = 2_000
    /// Tokens a formula may grow to (a macro that doubles itself grows fast before it loops).
    static let tokenLimit = 100_000

    var macros: [String: Macro] = [:]

    public init() {}

    /// The names defined, without backslashes, sorted.
    public var names: [String] { macros.keys.sorted() }

    /// The definitions of a file that holds definitions only (`lessons/macros.tex`), with `%`
    /// comments and blank lines.
    ///
    /// - Throws: `Problem` at the line of the first mistake, or of anything that is not a definition.
    public static func parseFile(_ text: String) throws -> TeXMacros {
        var macros = TeXMacros()
        var reader = TeXTokenReader(TeXToken.tokenize(text, comments: .all))
        while true {
            reader.skipSpaces()
            guard let token = reader.next() else { break }
            guard case .command(let name) = token.kind, Self.definers.contains(name) else {
                let shown = TeXToken.text(of: [token])
                throw Problem(line: token.line, message: "holds only macro definitions (\\gdef, \\def, \\newcommand, \\renewcommand); `\(shown)` starts none")
            }
            let problems = macros.define(name, at: token.line, from: &reader)
            if let first = problems.first { throw first }
        }
        return macros
    }

    /// Expands `tex`, remembering the definitions it makes for the formulas after it.
    public mutating func expand(_ tex: String) -> Expansion {
        var reader = TeXTokenReader(TeXToken.tokenize(tex))
        var output: [TeXToken] = []
        var warnings: [String] = []
        var definitions = 0
        var steps = 0
        while let token = reader.next() {
            guard case .command(let name) = token.kind else {
                output.append(token)
                continue
            }
            if Self.definers.contains(name) {
                warnings += define(name, at: token.line, from: &reader).map(\.message)
                definitions += 1
                continue
            }
            guard let macro = macros[name] else {
                output.append(token)
                continue
            }
            steps += 1
            if steps > Self.expansionLimit || reader.remaining > Self.tokenLimit {
                warnings.append("expanding `\\\(name)` does not end (more than \(Self.expansionLimit) steps): does a macro use itself? (shown as written)")
                return Expansion(tex: tex, onlyDefinitions: false, overflowed: true, warnings: warnings)
            }
            var arguments: [[TeXToken]] = []
            if let optional = macro.optionalDefault {
                arguments.append(reader.bracketed() ?? optional)
            }
            while arguments.count < macro.parameters {
                guard let argument = reader.argument() else {
                    warnings.append("`\\\(name)` takes \(macro.parameters) argument(s), but the formula gives \(arguments.count)")
                    break
                }
                arguments.append(argument)
            }
            reader.push(Self.substitute(arguments, into: macro.body))
        }
        let onlyDefinitions = definitions > 0 && output.allSatisfy(\.isSpace)
        return Expansion(tex: TeXToken.text(of: output), onlyDefinitions: onlyDefinitions, overflowed: false, warnings: warnings)
    }

    /// `body` with each `#n` replaced by the nth argument (empty if it was not given).
    private static func substitute(_ arguments: [[TeXToken]], into body: [TeXToken]) -> [TeXToken] {
        body.flatMap { token -> [TeXToken] in
            if case .parameter(let number) = token.kind { return number <= arguments.count ? arguments[number - 1] : [] }
            return [token]
        }
    }
}
