/// Horizontal bars, one per label, with the value (and its spread, if given) at the end:
/// variants against accuracy, say.
///
///     var bars = BarChart(title: "Accuracy over 5 seeds")
///     bars.add("vanilla", 0.93, spread: 0.02)
///     bars.add("NFG", 0.61, spread: 0.08)
///     bars.show()
public struct BarChart {
    public var title: String?
    /// Columns of the longest bar.
    public var width: Int
    public var format: NumberFormat
    private var bars: [(label: String, value: Double, spread: Double?)] = []

    public init(title: String? = nil, width: Int = 40, format: NumberFormat = .significant(digits: 3)) {
        precondition(width >= 4, "BarChart: width \(width) is too small")
        self.title = title
        self.width = width
        self.format = format
    }

    public mutating func add<Value: BinaryFloatingPoint>(_ label: String, _ value: Value, spread: Value? = nil) {
        bars.append((label, Double(value), spread.map { Double($0) }))
    }

    public func render() -> String {
        var lines: [String] = title.map { [$0] } ?? []
        let finite = bars.map(\.value).filter(\.isFinite)
        guard !bars.isEmpty else { return (lines + ["(no bars to draw)"]).joined(separator: "\n") }
        let largest = max(finite.map(abs).max() ?? 0, Double.leastNonzeroMagnitude)
        let hasNegative = finite.contains { $0 < 0 }
        // With negative values the zero line sits where the longest negative bar ends.
        let negativeWidth = hasNegative ? Int((finite.map { -min($0, 0) }.max()! / largest * Double(width)).rounded()) : 0
        let labelWidth = bars.map(\.label.count).max() ?? 0
        for bar in bars {
            let text = bar.value.isFinite
                ? format.string(bar.value) + (bar.spread.map { " ± " + format.string($0) } ?? "")
                : format.string(bar.value)
            let length = bar.value.isFinite ? Int((abs(bar.value) / largest * Double(width)).rounded()) : 0
            let left = bar.value < 0
                ? String(repeating: " ", count: negativeWidth - length) + String(repeating: "#", count: length)
                : String(repeating: " ", count: negativeWidth)
            let right = bar.value > 0 ? String(repeating: "#", count: length) : ""
            let body = left + "|" + right + String(repeating: " ", count: width - right.count)
            lines.append(pad(bar.label, to: labelWidth) + " " + body + "  " + text)
        }
        return lines.map(trimmed).joined(separator: "\n")
    }

    public func show() {
        print(render())
    }
}
