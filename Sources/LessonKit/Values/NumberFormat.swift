import Foundation

/// How a number is written: in prose (`{{name:.1%}}`), in tables and on chart axes.
///
/// Specifications follow Python's format mini-language, the one most authors know:
/// `.2f` fixed with 2 decimals, `.1%` a percentage with 1 decimal, `.3e` scientific with 3
/// decimals, `d` a whole number, `,d` a whole number with thousands separators, `.4g` four
/// significant digits. With no specification, whole numbers print whole and others with four
/// significant digits. One form is this project's own: `p` writes a p-value as a reader
/// expects it, `p = 0.013` (two significant digits) or `p < 0.001`.
public enum NumberFormat: Equatable, Sendable {
    case fixed(decimals: Int)
    case percent(decimals: Int)
    case scientific(decimals: Int)
    case integer(grouped: Bool)
    case significant(digits: Int)
    /// Whole numbers whole, others with four significant digits.
    case automatic
    /// A p-value with its name: `p = 0.013`, `p = 0.43`, `p < 0.001`.
    case pValue

    /// Parses a specification such as `.2f`; `nil` if it is not one of the forms above.
    public init?(specification: String) {
        let spec = specification.trimmingCharacters(in: .whitespaces)
        if spec.isEmpty { self = .automatic; return }
        if spec == "d" { self = .integer(grouped: false); return }
        if spec == ",d" { self = .integer(grouped: true); return }
        if spec == "p" { self = .pValue; return }
        guard spec.hasPrefix("."), let kind = spec.last, let digits = Int(spec.dropFirst().dropLast()), (0...12).contains(digits) else {
            return nil
        }
        switch kind {
        case "f": self = .fixed(decimals: digits)
        case "%": self = .percent(decimals: digits)
        case "e": self = .scientific(decimals: digits)
        case "g" where digits > 0: self = .significant(digits: digits)
        default: return nil
        }
    }

    /// `value` written in this format. NaN and infinities are written `nan`, `inf`, `-inf`.
    public func string(_ value: Double) -> String {
        if self == .pValue { return value < 0.001 ? "p < 0.001" : "p = " + Self.significant(digits: 2).string(value) }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch self {
        case .fixed(let decimals): return Self.clean(String(format: "%.\(decimals)f", value))
        case .percent(let decimals): return Self.clean(String(format: "%.\(decimals)f", value * 100)) + "%"
        case .scientific(let decimals): return String(format: "%.\(decimals)e", value)
        case .integer(let grouped):
            let whole = String(format: "%.0f", value.rounded())
            return grouped ? Self.grouped(Self.clean(whole)) : Self.clean(whole)
        case .significant(let digits): return Self.clean(String(format: "%.\(digits)g", value))
        case .automatic:
            if value == value.rounded(), abs(value) < 1e15 { return Self.clean(String(format: "%.0f", value)) }
            return Self.clean(String(format: "%.4g", value))
        case .pValue:
            preconditionFailure("handled above")
        }
    }

    /// A value that rounds to zero is written without a minus sign: "-0.00" reads as an error.
    private static func clean(_ text: String) -> String {
        guard text.hasPrefix("-"), text.dropFirst().allSatisfy({ "0.,".contains($0) }) else { return text }
        return String(text.dropFirst())
    }

    private static func grouped(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let body = Array(negative ? digits.dropFirst() : digits[...])
        var result = ""
        for (index, character) in body.enumerated() {
            if index > 0 && (body.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (negative ? "-" : "") + result
    }
}
