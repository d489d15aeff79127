import Foundation

/// Rows and columns of results, emitted as a GitHub-flavoured Markdown table so the site shows
/// a real HTML table. Numbers are right-aligned, and each column of numbers is written with
/// one number of decimals.
///
///     var table = Table(columns: ["cell", "hidden", "parameters"])
///     table.add("LSTM", 32, lstm.parameterCount)
///     table.show()
public struct Table {
    /// A cell: text, a whole number, or a number.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case integer(Int)
        case number(Double)
    }

    public let columns: [String]
    /// Per-column number formats; a column without one gets a shared automatic format.
    public var formats: [String: NumberFormat]
    public private(set) var rows: [[Cell]] = []

    public init(columns: [String], formats: [String: NumberFormat] = [:]) {
        precondition(!columns.isEmpty, "Table: no columns")
        self.columns = columns
        self.formats = formats
    }

    /// Adds a row: `String`, `Int`, `Float` or `Double` values, one per column.
    public mutating func add(_ values: any TableValue...) {
        add(row: values)
    }

    /// Adds a row from an array of values, one per column.
    public mutating func add(row values: [any TableValue]) {
        precondition(values.count == columns.count, "Table.add: \(values.count) values for \(columns.count) columns \(columns)")
        rows.append(values.map(\.tableCell))
    }

    /// The cells as text, column by column.
    func renderedCells() -> [[String]] {
        let columnFormats = columns.indices.map { column in
            formats[columns[column]] ?? Self.sharedFormat(rows.compactMap {
                if case .number(let value) = $0[column] { return value } else { return nil }
            })
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                switch cell {
                case .text(let text): text
                case .integer(let value): NumberFormat.integer(grouped: false).string(Double(value))
                case .number(let value): columnFormats[column].string(value)
                }
            }
        }
    }

    /// One format for a column of numbers: fixed decimals enough for three significant digits
    /// of the smallest non-zero magnitude (at most six), or scientific for very large or very
    /// small values.
    static func sharedFormat(_ values: [Double]) -> NumberFormat {
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(abs)
        guard let smallest = magnitudes.min(), let largest = magnitudes.max() else { return .fixed(decimals: 2) }
        if largest >= 1e6 || smallest < 1e-4 { return .scientific(decimals: 2) }
        if values.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) { return .fixed(decimals: 0) }
        let decimals = max(0, min(6, 2 - Int(log10(smallest).rounded(.down))))
        return .fixed(decimals: decimals)
    }

    private func isNumeric(_ column: Int) -> Bool {
        !rows.isEmpty && rows.allSatisfy { if case .text = $0[column] { false } else { true } }
    }

    /// The GitHub-flavoured Markdown table.
    public func markdown() -> String {
        let cells = renderedCells()
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + columns.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + columns.indices.map { isNumeric($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in cells { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    /// The table as aligned plain text, for a terminal.
    public func plainText() -> String {
        let cells = renderedCells()
        let widths = columns.indices.map { column in max(columns[column].count, cells.map { $0[column].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            trimmed(values.enumerated().map { column, value in
                isNumeric(column) ? pad(value, to: widths[column]) : value + String(repeating: " ", count: widths[column] - value.count)
            }.joined(separator: "  "))
        }
        return ([line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + cells.map(line))
            .joined(separator: "\n")
    }

    /// Puts the table into the lesson at this point of the block's output (printed as text when
    /// the program runs on its own).
    public func show() {
        ExperimentSession.emitMarkdown(markdown(), plainText: plainText())
    }
}

/// A value a `Table` cell can hold.
public protocol TableValue {
    var tableCell: Table.Cell { get }
}

extension String: TableValue { public var tableCell: Table.Cell { .text(self) } }
extension Substring: TableValue { public var tableCell: Table.Cell { .text(String(self)) } }
extension Int: TableValue { public var tableCell: Table.Cell { .integer(self) } }
extension Double: TableValue { public var tableCell: Table.Cell { .number(self) } }
extension Float: TableValue { public var tableCell: Table.Cell { .number(Double(self)) } }
