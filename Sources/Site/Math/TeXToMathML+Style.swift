import Foundation

/// Colour, horizontal space and typewriter text: what source material uses to mark up its
/// notation (KaTeX's `\textcolor{8dd3c7}{…}`, r2rt's `\hspace{30px}`).
extension TeXToMathML {
    /// `\textcolor{colour}{…}`: its argument in the colour.
    mutating func textColor() -> (markup: String, limits: Bool) {
        let color = colorArgument("textcolor")
        let content = argument()
        return (Self.colored(content, color), false)
    }

    /// `\color{colour}`: the rest of the group (or formula) in the colour, as in TeX.
    mutating func colorSwitch() -> (markup: String, limits: Bool) {
        let color = colorArgument("color")
        let rest = expression(stopAt: currentStops)
        return (Self.colored(rest, color), false)
    }

    /// `\hspace{len}` and `\hspace*{len}`: a space of that width.
    mutating func horizontalSpace() -> (markup: String, limits: Bool) {
        if current == "*" { advance() }
        let text = rawArgument()
        guard let width = Self.cssLength(text) else {
            warnings.append("`\\hspace{\(text)}`: a length is a number and a unit (em, ex, mu, pt, px, mm, cm, in)")
            return ("", false)
        }
        return ("<mspace width=\"\(width)\"></mspace>", false)
    }

    /// `\texttt{…}`: upright typewriter text (`\texttt{ReLU}`), as text, so it can be copied.
    mutating func typewriterText() -> (markup: String, limits: Bool) {
        ("<mtext style=\"font-family: monospace\">\(HTMLText.escaped(rawArgument()))</mtext>", false)
    }

    /// The colour argument as a CSS colour, or `nil` (with a warning) if it is none.
    private mutating func colorArgument(_ command: String) -> String? {
        let text = rawArgument()
        guard let color = Self.cssColor(text) else {
            warnings.append("`\\\(command){\(text)}`: a colour is a name (`red`) or hex (`8dd3c7`, `#8dd3c7`); drawn uncoloured")
            return nil
        }
        return color
    }

    /// `markup` in `color`. The colour is kept as the author gave it, also in dark mode: the
    /// author chose it, and it is the same colour their source material shows.
    static func colored(_ markup: String, _ color: String?) -> String {
        guard let color else { return "<mrow>\(markup)</mrow>" }
        return "<mrow mathcolor=\"\(color)\">\(markup)</mrow>"
    }

    /// A colour as KaTeX reads it: a name of letters, `#rgb`, or `#rrggbb` with or without `#`.
    static func cssColor(_ text: String) -> String? {
        let name = text.trimmingCharacters(in: .whitespaces)
        let isHex = { (digits: Substring) in digits.allSatisfy(\.isHexDigit) }
        if name.hasPrefix("#"), [3, 6].contains(name.count - 1), isHex(name.dropFirst()) { return name.lowercased() }
        if name.count == 6, isHex(Substring(name)) { return "#" + name.lowercased() }
        if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) { return name.lowercased() }
        return nil
    }

    /// A TeX length as CSS: `1em`, `-2.5pt`, `30px`; `mu` (1/18 em) in em.
    static func cssLength(_ text: String) -> String? {
        let compact = text.filter { !$0.isWhitespace }
        let unit = String(compact.suffix(2))
        let number = String(compact.dropLast(2))
        guard ["em", "ex", "mu", "pt", "px", "mm", "cm", "in", "pc", "bp"].contains(unit), let value = Double(number) else {
            return nil
        }
        switch unit {
        case "mu": return Self.formatted(value / 18) + "em"
        case "bp": return Self.formatted(value) + "pt"
        default: return Self.formatted(value) + unit
        }
    }

    private static func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.4g", value)
    }
}
