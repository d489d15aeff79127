/// A series as one line of block characters, lowest `▁` to highest `█`; NaN and infinite
/// values are spaces. Fits in a table cell or a sentence.
public func sparkline<Value: BinaryFloatingPoint>(_ values: [Value]) -> String {
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let finite = values.map { Double($0) }.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return String(repeating: " ", count: values.count) }
    return String(values.map { value -> Character in
        let v = Double(value)
        guard v.isFinite else { return " " }
        guard high > low else { return blocks[3] }
        return blocks[min(Int((v - low) / (high - low) * Double(blocks.count - 1) + 0.5), blocks.count - 1)]
    })
}
