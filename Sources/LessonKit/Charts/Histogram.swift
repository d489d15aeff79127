/// How many values fall in each of `binCount` equal intervals between the smallest and the
/// largest, drawn as horizontal bars.
public struct Histogram {
    public var title: String?
    public let values: [Double]
    public var binCount: Int
    public var width: Int

    public init<Value: BinaryFloatingPoint>(_ values: [Value], title: String? = nil, binCount: Int = 10, width: Int = 40) {
        precondition(binCount >= 1 && width >= 4, "Histogram: binCount \(binCount), width \(width)")
        self.values = values.map { Double($0) }
        self.title = title
        self.binCount = binCount
        self.width = width
    }

    public func render() -> String {
        var lines: [String] = title.map { [$0] } ?? []
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return (lines + ["(nothing to count: no finite values)"]).joined(separator: "\n")
        }
        let bins = high > low ? binCount : 1
        var counts = [Int](repeating: 0, count: bins)
        for value in finite {
            let index = high > low ? Int((value - low) / (high - low) * Double(bins)) : 0
            counts[min(index, bins - 1)] += 1
        }
        let step = (high - low) / Double(bins)
        let format = NumberFormat.significant(digits: 3)
        let edges = (0...bins).map { format.string(low + Double($0) * step) }
        let edgeWidth = edges.map(\.count).max()!
        let largest = counts.max()!
        for (index, count) in counts.enumerated() {
            let closing = index == bins - 1 ? "]" : ")"
            let label = "[" + pad(edges[index], to: edgeWidth) + ", " + pad(edges[index + 1], to: edgeWidth) + closing
            let length = Int((Double(count) / Double(largest) * Double(width)).rounded())
            lines.append(label + " |" + String(repeating: "#", count: length) + String(repeating: " ", count: width - length) + "  \(count)")
        }
        let skipped = values.count - finite.count
        if skipped > 0 { lines.append("(\(skipped) value\(skipped == 1 ? "" : "s") not counted: NaN or infinite)") }
        return lines.map(trimmed).joined(separator: "\n")
    }

    public func show() {
        print(render())
    }
}
