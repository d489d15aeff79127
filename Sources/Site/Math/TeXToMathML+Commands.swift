import Foundation

extension TeXToMathML {
    /// The MathML for `\name`, whose name has been read.
    mutating func command(_ name: String) -> (markup: String, limits: Bool)? {
        if let letter = TeXSymbols.identifiers[name] {
            return ("<mi>\(letter)</mi>", false)
        }
        if let symbol = TeXSymbols.operators[name] {
            return ("<mo>\(HTMLText.escaped(symbol))</mo>", false)
        }
        if let symbol = TeXSymbols.largeOperators[name] {
            return ("<mo largeop=\"true\" movablelimits=\"true\">\(symbol)</mo>", true)
        }
        if TeXSymbols.functions.contains(name) {
            let limits = TeXSymbols.limitFunctions.contains(name)
            let markup = limits ? "<mo movablelimits=\"true\" form=\"prefix\">\(name)</mo>" : "<mi>\(name)</mi>"
            return (markup, limits)
        }
        if let width = TeXSymbols.spaces[name] {
            return ("<mspace width=\"\(width)\"></mspace>", false)
        }
        if let accent = TeXSymbols.accents[name] {
            let base = argument()
            let tag = accent.under ? "munder" : "mover"
            let attribute = accent.under ? "accentunder" : "accent"
            return ("<\(tag) \(attribute)=\"true\"><mrow>\(base)</mrow><mo stretchy=\"true\">\(accent.mark)</mo></\(tag)>", false)
        }
        switch name {
        case "frac", "dfrac", "tfrac":
            let numerator = argument()
            let denominator = argument()
            return ("<mfrac><mrow>\(numerator)</mrow><mrow>\(denominator)</mrow></mfrac>", false)
        case "sqrt":
            skipSpaces()
            if current == "[" {
                position += 1
                let index = expressionUntilBracket()
                let radicand = argument()
                return ("<mroot><mrow>\(radicand)</mrow><mrow>\(index)</mrow></mroot>", false)
            }
            return ("<msqrt>\(argument())</msqrt>", false)
        case "text", "textrm", "textit", "textbf", "mbox":
            return ("<mtext>\(HTMLText.escaped(rawArgument()))</mtext>", false)
        case "operatorname":
            let text = rawArgument()
            return ("<mi>\(HTMLText.escaped(text))</mi><mo>\u{2061}</mo>", false)
        case "mathrm":
            // One letter in an <mi> is drawn italic unless it says otherwise (the d of `\,\mathrm{d}x`).
            let text = rawArgument().filter { !$0.isWhitespace }
            return ("<mi\(text.count == 1 ? " mathvariant=\"normal\"" : "")>\(HTMLText.escaped(text))</mi>", false)
        case "mathbb", "mathbf", "boldsymbol", "bm", "mathcal", "Bbb", "bbb":
            // `\Bbb` is amsfonts' old name for `\mathbb`; the r2rt notes among the seeds write it
            // `\bbb` (their text was lower-cased), so that spelling is read too.
            // `\boldsymbol` keeps letters italic, as TeX's does, and makes Greek bold too.
            let alphabet = ["mathbb", "Bbb", "bbb"].contains(name) ? "double-struck" : name == "mathcal" ? "script"
                : ["boldsymbol", "bm"].contains(name) ? "bold-italic" : "bold"
            var text = rawArgument().filter { !$0.isWhitespace }
            if alphabet == "bold-italic", text.hasPrefix("\\"), let letter = TeXSymbols.identifiers[String(text.dropFirst())] {
                text = letter
            }
            if text.allSatisfy({ $0.isLetter || $0.isNumber }) {
                let styled = text.map { TeXSymbols.styled($0, alphabet: alphabet) }.joined()
                return ("<mi>\(HTMLText.escaped(styled))</mi>", false)
            }
            let inner = TeXToMathML.convert(text, display: display)
            warnings += inner.warnings
            return ("<mrow>\(Self.innerRow(of: inner.mathML))</mrow>", false)
        case "texttt":
            return typewriterText()
        case "textcolor":
            return textColor()
        case "color":
            return colorSwitch()
        case "hspace":
            return horizontalSpace()
        case "mathrel", "mathbin", "mathop", "mathord":
            return ("<mrow>\(argument())</mrow>", false)
        case "left":
            return fenced()
        case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr":
            skipSpaces()
            let delimiter = readDelimiter()
            return ("<mo stretchy=\"false\">\(HTMLText.escaped(delimiter))</mo>", false)
        case "begin":
            return environment(rawArgument())
        case "\\":
            // A line break outside an environment: keep going on the same line.
            return ("", false)
        case "displaystyle", "textstyle", "limits", "nolimits":
            return ("", false)
        default:
            warnings.append("unsupported TeX command `\\\(name)` (shown as written)")
            return ("<mtext>\\\(HTMLText.escaped(name))</mtext>", false)
        }
    }

    /// The content before `]`, for `\sqrt[n]`.
    private mutating func expressionUntilBracket() -> String {
        var text = ""
        while let character = currentCharacter, character != "]" {
            text.append(character)
            advance()
        }
        if currentCharacter == "]" { advance() }
        let inner = TeXToMathML.convert(text, display: false)
        warnings += inner.warnings
        return Self.innerRow(of: inner.mathML)
    }

    /// `\left( … \right)`: a row between stretchy delimiters.
    private mutating func fenced() -> (markup: String, limits: Bool)? {
        let open = readDelimiter()
        let inner = expressionStoppingAtRight()
        var close = ""
        if currentStarts(with: "\\right") {
            for _ in 0..<6 { advance() }
            close = readDelimiter()
        } else {
            warnings.append("`\\left` without `\\right`")
        }
        let openMarkup = open.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTMLText.escaped(open))</mo>"
        let closeMarkup = close.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTMLText.escaped(close))</mo>"
        return ("<mrow>\(openMarkup)\(inner)\(closeMarkup)</mrow>", false)
    }

    /// A delimiter after `\left`, `\right` or `\big`.
    private mutating func readDelimiter() -> String {
        while let character = currentCharacter, character.isWhitespace { advance() }
        guard let character = currentCharacter else { return "" }
        var name = String(character)
        advance()
        if character == "\\" {
            guard let next = currentCharacter else { return "" }
            if next.isLetter {
                name = ""
                while let letter = currentCharacter, letter.isLetter {
                    name.append(letter)
                    advance()
                }
            } else {
                name = "\\" + String(next)
                advance()
            }
        }
        if let delimiter = TeXSymbols.delimiter(name) { return delimiter }
        warnings.append("unknown delimiter `\(name)`")
        return name
    }

    /// `\begin{name} … \end{name}` as a table.
    private mutating func environment(_ name: String) -> (markup: String, limits: Bool)? {
        let bare = name.hasSuffix("*") ? String(name.dropLast()) : name
        if bare == "equation" { return equation(name) }
        if bare == "array" { _ = rawArgument() }  // column specification: alignment is not drawn
        var rows: [[String]] = [[]]
        while true {
            let cell = expressionStopping(at: ["&", "\\\\", "end"])
            rows[rows.count - 1].append(cell)
            if currentCharacter == "&" {
                advance()
            } else if currentStarts(with: "\\\\") {
                advance()
                advance()
                rows.append([])
            } else {
                break
            }
        }
        if currentStarts(with: "\\end") {
            for _ in 0..<4 { advance() }
            let closing = rawArgument()
            if closing != name { warnings.append("`\\begin{\(name)}` ended by `\\end{\(closing)}`") }
        } else {
            warnings.append("`\\begin{\(name)}` without `\\end{\(name)}`")
        }
        if rows.count > 1, rows.last == [""] { rows.removeLast() }
        let alignments: (Int) -> String
        switch bare {
        case "aligned", "align", "alignat", "split", "eqnarray":
            alignments = { $0 % 2 == 0 ? "right" : "left" }
        case "cases":
            alignments = { _ in "left" }
        default:
            alignments = { _ in "center" }
        }
        let table = "<mtable>" + rows.map { row in
            "<mtr>" + row.enumerated().map { column, cell in
                "<mtd style=\"text-align: \(alignments(column))\">\(cell)</mtd>"
            }.joined() + "</mtr>"
        }.joined() + "</mtable>"
        func fence(_ open: String, _ close: String) -> String {
            "<mrow><mo fence=\"true\" stretchy=\"true\">\(open)</mo>\(table)<mo fence=\"true\" stretchy=\"true\">\(close)</mo></mrow>"
        }
        switch bare {
        case "matrix", "aligned", "align", "alignat", "split", "gathered", "gather", "array", "eqnarray", "smallmatrix":
            return (table, false)
        case "pmatrix": return (fence("(", ")"), false)
        case "bmatrix": return (fence("[", "]"), false)
        case "Bmatrix": return (fence("{", "}"), false)
        case "vmatrix": return (fence("|", "|"), false)
        case "Vmatrix": return (fence("‖", "‖"), false)
        case "cases": return ("<mrow><mo fence=\"true\" stretchy=\"true\">{</mo>\(table)</mrow>", false)
        default:
            warnings.append("unsupported environment `\(name)` (drawn as a plain table)")
            return (table, false)
        }
    }

    /// `\begin{equation} … \end{equation}` (or `equation*`): one formula, which may hold a
    /// `split` or `aligned`. It is not numbered: the site numbers a displayed equation that has
    /// a label (`$$ … $$ {#eq-name}`), and only those.
    private mutating func equation(_ name: String) -> (markup: String, limits: Bool)? {
        let content = expressionStopping(at: ["end"])
        if currentStarts(with: "\\end") {
            for _ in 0..<4 { advance() }
            let closing = rawArgument()
            if closing != name { warnings.append("`\\begin{\(name)}` ended by `\\end{\(closing)}`") }
        } else {
            warnings.append("`\\begin{\(name)}` without `\\end{\(name)}`")
        }
        return ("<mrow>\(content)</mrow>", false)
    }

    /// The `<mrow>` content of a converted formula's `<semantics>`.
    static func innerRow(of mathML: String) -> String {
        guard let start = mathML.range(of: "<semantics><mrow>"), let end = mathML.range(of: "</mrow><annotation", options: .backwards) else {
            return mathML
        }
        return String(mathML[start.upperBound..<end.lowerBound])
    }
}
