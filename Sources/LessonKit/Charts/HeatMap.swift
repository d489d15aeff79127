/// A matrix drawn one character per entry from a ramp of increasing ink, with row and column
/// labels and a legend from characters to values: the picture of hidden units (rows) over
/// time steps (columns), where a unit that switches on and stays on is a streak.
///
///     HeatMap(states, rowLabels: (0..<8).map { "unit \($0)" }, columnLabels: sequenceCharacters).show()
public struct HeatMap {
    /// Characters from the lowest value to the highest.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    public var title: String?
    /// `values[row][column]`.
    public let values: [[Double]]
    public var rowLabels: [String]?
    /// One label per column; single characters are printed as a row under the map, longer
    /// labels every few columns.
    public var columnLabels: [String]?
    /// The values mapped to the ends of the ramp; the data's range if `nil`.
    public var range: ClosedRange<Double>?

    public init<Value: BinaryFloatingPoint>(
        _ values: [[Value]], title: String? = nil, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        range: ClosedRange<Double>? = nil
    ) {
        self.values = values.map { $0.map { Double($0) } }
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.range = range
    }

    public func render() -> String {
        let columns = values.map(\.count).max() ?? 0
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        guard columns > 0, let low = range?.lowerBound ?? finite.min(), let high = range?.upperBound ?? finite.max() else {
            return (title.map { $0 + "\n" } ?? "") + "(nothing to draw: the matrix has no finite values)"
        }
        let labels = (0..<values.count).map { row in rowLabels.flatMap { row < $0.count ? $0[row] : nil } ?? "\(row)" }
        let labelWidth = labels.map(\.count).max() ?? 0
        var lines: [String] = []
        if let title { lines.append(title) }
        var unknown = 0
        for (row, entries) in values.enumerated() {
            let cells = (0..<columns).map { column -> Character in
                guard column < entries.count, entries[column].isFinite else {
                    unknown += 1
                    return "?"
                }
                return Self.ramp[level(entries[column], low, high)]
            }
            lines.append(pad(labels[row], to: labelWidth) + " |" + String(cells) + "|")
        }
        let indent = String(repeating: " ", count: labelWidth + 2)
        if let columnLabels, columnLabels.allSatisfy({ $0.count == 1 }) {
            lines.append(indent + columnLabels.joined())
        } else {
            lines.append(indent + columnTicks(columns: columns))
        }
        let format = NumberFormat.significant(digits: 3)
        lines.append("\(indent)scale: \(format.string(low)) |\(String(Self.ramp))| \(format.string(high))")
        if unknown > 0 { lines.append("\(indent)(? marks \(unknown) missing, NaN or infinite entr\(unknown == 1 ? "y" : "ies"))") }
        return lines.map(trimmed).joined(separator: "\n")
    }

    /// Column numbers (or labels) every ten columns, starting at 0.
    private func columnTicks(columns: Int) -> String {
        var line = [Character](repeating: " ", count: columns + 8)
        var nextFree = 0
        for column in stride(from: 0, to: columns, by: 10) {
            let text = Array(columnLabels.flatMap { column < $0.count ? $0[column] : nil } ?? "\(column)")
            guard column >= nextFree, column + text.count <= line.count else { continue }
            for (offset, character) in text.enumerated() { line[column + offset] = character }
            nextFree = column + text.count + 1
        }
        return String(line)
    }

    private func level(_ value: Double, _ low: Double, _ high: Double) -> Int {
        guard high > low else { return Self.ramp.count / 2 }
        let fraction = (value - low) / (high - low)
        return min(max(Int((fraction * Double(Self.ramp.count - 1)).rounded()), 0), Self.ramp.count - 1)
    }

    public func show() {
        print(render())
    }
}
