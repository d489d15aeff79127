import Foundation

/// Horizontal bars, one per label, with the value (and its spread, if given) at the end:
/// variants against accuracy, say.
///
///     var bars = BarChart(title: "Accuracy over 5 seeds")
///     bars.add("vanilla", 0.93, spread: 0.02)
///     bars.add("NFG", 0.61, spread: 0.08)
///     bars.show()
///
/// Bars start at zero, so their lengths compare the values themselves. The exception: when
/// every value is positive and the values differ by less than a tenth of the largest, bars
/// from zero look equal (2.869, 2.874 and 2.926 bits per character differ by one column in
/// forty), and the chart exists to show the difference. Then the bars start at a round number
/// below the smallest value — a multiple of the smallest step of 1, 2 or 5 times a power of
/// ten that is at least the values' range (2.8 here) — so their lengths compare the
/// differences, and a line under the chart says so: "(bars start at 2.8, not 0)". Values of
/// both signs, values that differ by more, and `baseline = .zero` keep the zero baseline.
public struct BarChart {
    /// Where bars start.
    public enum Baseline: Sendable {
        /// At zero, unless the values are all positive and close together (see `BarChart`).
        case automatic
        /// Always at zero.
        case zero
    }

    public var title: String?
    /// Columns of the longest bar.
    public var width: Int
    public var format: NumberFormat
    public var baseline = Baseline.automatic
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
        let start = baseline == .automatic ? Self.raisedBaseline(finite) : nil
        let origin = start?.value ?? 0
        let largest = max(finite.map { abs($0 - origin) }.max() ?? 0, Double.leastNonzeroMagnitude)
        let hasNegative = finite.contains { $0 < origin }
        // With negative values the zero line sits where the longest negative bar ends.
        let negativeWidth = hasNegative ? Int((finite.map { -min($0 - origin, 0) }.max()! / largest * Double(width)).rounded()) : 0
        let labelWidth = bars.map(\.label.count).max() ?? 0
        for bar in bars {
            let text = bar.value.isFinite
                ? format.string(bar.value) + (bar.spread.map { " ± " + format.string($0) } ?? "")
                : format.string(bar.value)
            let offset = bar.value - origin
            let length = bar.value.isFinite ? Int((abs(offset) / largest * Double(width)).rounded()) : 0
            let left = offset < 0
                ? String(repeating: " ", count: negativeWidth - length) + String(repeating: "#", count: length)
                : String(repeating: " ", count: negativeWidth)
            let right = offset > 0 ? String(repeating: "#", count: length) : ""
            let body = left + "|" + right + String(repeating: " ", count: width - right.count)
            lines.append(pad(bar.label, to: labelWidth) + " " + body + "  " + text)
        }
        if let start {
            lines.append(String(repeating: " ", count: labelWidth + 1) + "(bars start at \(start.text), not 0)")
        }
        return lines.map(trimmed).joined(separator: "\n")
    }

    public func show() {
        print(render())
    }

    /// The round number below the smallest value that bars start at when `values` are all
    /// positive and differ by less than a tenth of the largest, with its text; `nil` when bars
    /// should start at zero.
    static func raisedBaseline(_ values: [Double]) -> (value: Double, text: String)? {
        guard let low = values.min(), let high = values.max(), low > 0, high > low, high - low < high / 10 else { return nil }
        let step = roundStep(atLeast: high - low)
        // A little slack, so a value that is a multiple of the step in decimals (2.8) counts as one.
        var start = (low / step + 1e-9).rounded(.down) * step
        // The smallest bar keeps some length, so it does not read as zero.
        if start > low - step * 1e-6 { start -= step }
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        return (start, NumberFormat.fixed(decimals: decimals).string(start))
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `value` (positive).
    static func roundStep(atLeast value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        let residual = value / magnitude
        return (residual <= 1 + 1e-9 ? 1 : residual <= 2 + 1e-9 ? 2 : residual <= 5 + 1e-9 ? 5 : 10) * magnitude
    }
}
