import Foundation

extension Tensor: CustomStringConvertible {
    /// The values laid out as nested brackets, four decimals each, columns aligned — the way a
    /// lesson shows a matrix of hidden states. Rank-3 tensors print one matrix per outer index.
    public var description: String {
        description(decimals: 4)
    }

    /// The values laid out as nested brackets with a fixed number of decimals.
    public func description(decimals: Int) -> String {
        guard rank > 0 else { return "Tensor(\(format(scalars.first ?? 0, decimals)))" }
        let cells = scalars.map { format($0, decimals) }
        let width = cells.map(\.count).max() ?? 0
        let padded = cells.map { String(repeating: " ", count: width - $0.count) + $0 }
        return nested(padded, dimension: 0, offset: 0, indent: 1).joined(separator: "\n")
    }

    /// Lines for the sub-tensor starting at `offset` whose outermost dimension is `dimension`.
    private func nested(_ cells: [String], dimension: Int, offset: Int, indent: Int) -> [String] {
        let extent = shape[dimension]
        if dimension == rank - 1 {
            return ["[" + cells[offset..<offset + extent].joined(separator: ", ") + "]"]
        }
        let stride = shape[(dimension + 1)...].reduce(1, *)
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for index in 0..<extent {
            var block = nested(cells, dimension: dimension + 1, offset: offset + index * stride, indent: indent + 1)
            if index < extent - 1 { block[block.count - 1] += "," }
            if index > 0 {
                // Matrices of a rank-3 tensor are set apart by a blank line.
                lines += Array(repeating: "", count: rank - dimension - 2)
                block[0] = pad + block[0]
            }
            lines += block
        }
        lines[0] = "[" + lines[0]
        lines[lines.count - 1] += "]"
        return lines
    }

    private func format(_ value: Float, _ decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text = String(format: "%.\(decimals)f", Double(value))
        // "-0.0000" reads as a sign error; a value that rounds to zero prints unsigned.
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
