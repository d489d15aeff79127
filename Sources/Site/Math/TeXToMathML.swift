/// TeX math to MathML, at build time, so pages need neither JavaScript nor a network to show
/// equations.
///
/// A recursive-descent reader over the characters of one formula. It covers the TeX the
/// lessons use (fractions, scripts, Greek, operators, functions, `\sum`/`\prod`/`\lim` with
/// limits, roots, accents, `\left`/`\right`, `\mathbb`/`\mathbf`/`\mathcal`, `\text`,
/// `\operatorname`, `matrix`/`pmatrix`/`bmatrix`, `aligned`/`align`, `cases`, `equation`) and
/// the markup of source material written for KaTeX (`\textcolor`, `\color`, `\hspace`,
/// `\texttt`, `\boldsymbol`). Macros are expanded before it sees a formula (`TeXMacros`). A
/// command it does not know is shown as its TeX source and reported, never dropped and never
/// fatal.
public struct TeXToMathML {
    /// The MathML, and one message per unsupported construct.
    public struct Result: Equatable {
        public let mathML: String
        public let warnings: [String]
    }

    let source: [Character]
    var position = 0
    var warnings: [String] = []
    let display: Bool
    /// The stops of the expression being read, for `\color`, which colours the rest of it.
    var currentStops: Set<String> = []

    /// Converts one formula (without its `$` delimiters).
    ///
    /// - Parameter source: the TeX as the author wrote it, for the annotation a reader copies,
    ///   when `tex` is its expansion (see `TeXMacros`); `tex` if `nil`.
    public static func convert(_ tex: String, display: Bool, source: String? = nil) -> Result {
        var reader = TeXToMathML(source: Array(tex), display: display)
        let body = reader.expression(stopAt: [])
        let rest = reader.position < reader.source.count ? String(reader.source[reader.position...]) : ""
        if !rest.isEmpty { reader.warnings.append("unmatched `\(rest.prefix(12))` in `\(tex)`") }
        let annotation = "<annotation encoding=\"application/x-tex\">\(HTMLText.escaped(source ?? tex))</annotation>"
        let math = "<math\(display ? " display=\"block\"" : "")><semantics><mrow>\(body)\(rest.isEmpty ? "" : "<mtext>\(HTMLText.escaped(rest))</mtext>")</mrow>\(annotation)</semantics></math>"
        return Result(mathML: math, warnings: reader.warnings)
    }

    /// A formula shown as its TeX, for one whose macros could not be expanded.
    public static func verbatim(_ tex: String, display: Bool) -> String {
        "<math\(display ? " display=\"block\"" : "")><mtext>\(HTMLText.escaped(tex))</mtext></math>"
    }

    private init(source: [Character], display: Bool) {
        self.source = source
        self.display = display
    }

    // MARK: Reading

    var current: Character? { position < source.count ? source[position] : nil }
    var currentCharacter: Character? { current }

    mutating func advance() {
        position += 1
    }

    func currentStarts(with text: String) -> Bool {
        let characters = Array(text)
        guard position + characters.count <= source.count else { return false }
        return Array(source[position..<(position + characters.count)]) == characters
    }

    mutating func expressionStoppingAtRight() -> String {
        expression(stopAt: ["right"])
    }

    mutating func expressionStopping(at stops: Set<String>) -> String {
        expression(stopAt: stops)
    }

    mutating func skipSpaces() {
        while let character = current, character.isWhitespace { position += 1 }
    }

    /// `\name` (letters) or `\c` (one other character), with the backslash already at `position`.
    mutating func readCommand() -> String {
        position += 1
        guard let first = current else { return "" }
        if !first.isLetter {
            position += 1
            return String(first)
        }
        var name = ""
        while let character = current, character.isLetter {
            name.append(character)
            position += 1
        }
        // `\begin{...}`-style names with a star, such as align*.
        return name
    }

    /// Whether a stop marker starts at `position`: `}`, `&`, `\\`, `\right`, `\end`.
    private func atStop(_ stops: Set<String>) -> Bool {
        guard let character = current else { return true }
        if character == "}" { return true }
        if character == "&" { return stops.contains("&") }
        if character == "\\", position + 1 < source.count {
            let next = source[position + 1]
            if next == "\\" { return stops.contains("\\\\") }
            for word in ["right", "end"] where stops.contains(word) {
                let end = position + 1 + word.count
                if end <= source.count, String(source[(position + 1)..<end]) == word,
                   end == source.count || !source[end].isLetter { return true }
            }
        }
        return false
    }

    /// A sequence of atoms with their scripts, up to a stop marker.
    mutating func expression(stopAt stops: Set<String>) -> String {
        let outer = currentStops
        currentStops = stops
        defer { currentStops = outer }
        var result = ""
        while true {
            skipSpaces()
            if atStop(stops) { break }
            guard let atom = scriptedAtom() else { break }
            result += atom
        }
        return result
    }

    /// One atom and any `^`/`_` scripts and primes after it.
    private mutating func scriptedAtom() -> String? {
        guard var (base, limits) = atom() else { return nil }
        var superscript: String?
        var subscriptText: String?
        while true {
            skipSpaces()
            guard let character = current else { break }
            if character == "'" {
                position += 1
                superscript = (superscript ?? "") + "<mo>′</mo>"
            } else if character == "^" || character == "_" {
                position += 1
                let argument = self.argument()
                if character == "^" { superscript = (superscript ?? "") + argument } else { subscriptText = argument }
            } else {
                break
            }
        }
        switch (subscriptText, superscript) {
        case (nil, nil): break
        case let (sub?, nil): base = limits ? "<munder>\(base)<mrow>\(sub)</mrow></munder>" : "<msub>\(base)<mrow>\(sub)</mrow></msub>"
        case let (nil, sup?): base = limits ? "<mover>\(base)<mrow>\(sup)</mrow></mover>" : "<msup>\(base)<mrow>\(sup)</mrow></msup>"
        case let (sub?, sup?):
            base = limits
                ? "<munderover>\(base)<mrow>\(sub)</mrow><mrow>\(sup)</mrow></munderover>"
                : "<msubsup>\(base)<mrow>\(sub)</mrow><mrow>\(sup)</mrow></msubsup>"
        }
        limits = false
        return base
    }

    /// The argument of a command or script: a braced group or a single atom.
    mutating func argument() -> String {
        skipSpaces()
        if current == "{" {
            position += 1
            let inner = expression(stopAt: [])
            if current == "}" { position += 1 } else { warnings.append("missing `}`") }
            return inner
        }
        // An unbraced argument is one token: `\frac12` is ½ and `x^23` is x² then 3.
        if let digit = current, digit.isNumber {
            position += 1
            return "<mn>\(digit)</mn>"
        }
        return atom()?.markup ?? ""
    }

    /// The raw text of a braced argument, for `\text` and friends.
    mutating func rawArgument() -> String {
        skipSpaces()
        guard current == "{" else {
            guard let character = current else { return "" }
            position += 1
            return String(character)
        }
        position += 1
        var depth = 1
        var text = ""
        while let character = current {
            position += 1
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth == 0 { break }
            }
            text.append(character)
        }
        return text
    }

    /// One atom as MathML, and whether scripts on it go under and over (limits).
    private mutating func atom() -> (markup: String, limits: Bool)? {
        skipSpaces()
        guard let character = current else { return nil }
        switch character {
        case "{":
            position += 1
            let inner = expression(stopAt: [])
            if current == "}" { position += 1 }
            return ("<mrow>\(inner)</mrow>", false)
        case "}":
            return nil
        case "\\":
            return command(readCommand())
        case "^", "_":
            // A script with no base: attach it to an empty one.
            return ("<mrow></mrow>", false)
        case "~":
            position += 1
            return ("<mspace width=\"0.25em\"></mspace>", false)
        default:
            position += 1
            if character.isLetter { return ("<mi>\(HTMLText.escaped(String(character)))</mi>", false) }
            if character.isNumber {
                var number = String(character)
                while let next = current,
                      next.isNumber || (next == "." && position + 1 < source.count && source[position + 1].isNumber) {
                    number.append(next)
                    position += 1
                }
                return ("<mn>\(number)</mn>", false)
            }
            let symbol: String = switch character {
            case "-": "−"
            case "*": "∗"
            default: String(character)
            }
            // A bracket inside a row would otherwise count as an infix operator and get an
            // operator's space on both sides, "f ( x )"; as in TeX, a bare bracket keeps its size.
            switch character {
            case "(", "[": return ("<mo form=\"prefix\" stretchy=\"false\">\(symbol)</mo>", false)
            case ")", "]": return ("<mo form=\"postfix\" stretchy=\"false\">\(symbol)</mo>", false)
            default: return ("<mo>\(HTMLText.escaped(symbol))</mo>", false)
            }
        }
    }
}
