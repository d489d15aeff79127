/// The shared drawing of line and scatter plots: points on a character grid with a y axis of
/// labelled ticks on the left, an x axis below, a title, an axis label, a legend and notes.
///
/// Every character is ASCII, so columns line up in any monospace font.
struct PlotFrame {
    struct Mark {
        let x: Double
        let y: Double
        let character: Character
        /// The series the mark belongs to, for lines and overlaps; `nil` for a lone mark.
        var series: Int? = nil
        /// Draw a line from the series' previous mark to this one.
        var connectsToPrevious = false
    }

    /// Drawn where marks of two or more series fall in one cell, so no series can hide under
    /// another.
    static let overlapMarker: Character = "="

    var title: String?
    var xLabel: String?
    var yLabel: String?
    /// Columns and rows of the plotting area.
    var width: Int
    var height: Int
    var logarithmicY: Bool

    /// The chart as lines of text.
    ///
    /// - Parameters:
    ///   - marks: points to draw, later ones on top; all finite, and positive `y` on a log axis.
    ///   - legend: (marker, name) pairs shown under the chart.
    ///   - notes: sentences shown last, such as how many points could not be drawn.
    func render(_ marks: [Mark], legend: [(Character, String)], notes: [String]) -> String {
        var lines: [String] = []
        guard !marks.isEmpty else {
            if let title { lines.append(title) }
            lines.append("(nothing to plot: no finite points\(logarithmicY ? " above zero" : ""))")
            lines += notes.map { "(\($0))" }
            return lines.joined(separator: "\n")
        }
        let xs = marks.map(\.x)
        let ys = marks.map(\.y)
        let xAxis = Axis.linear(xs.min()!, xs.max()!, tickCount: max(2, width / 12), widenToTicks: false)
        let yTickCount = max(3, min(8, height / 2))
        let yAxis = logarithmicY
            ? Axis.logarithmic(ys.min()!, ys.max()!, tickCount: yTickCount)
            : Axis.linear(ys.min()!, ys.max()!, tickCount: yTickCount)
        // Use as many rows as keep the same whole number of rows between ticks, so every tick
        // label sits exactly on its value.
        let intervals = max(1, yAxis.ticks.count - 1)
        let height = intervals * max(1, (self.height - 1) / intervals) + 1
        var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        // Which series touch each cell, to mark the cells they share.
        var owners = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: width), count: height)
        var previous: [Int: (column: Double, row: Double)] = [:]
        func place(_ column: Int, _ row: Int, _ character: Character, _ series: Int?) {
            let gridRow = height - 1 - row
            grid[gridRow][column] = character
            if let series { owners[gridRow][column].insert(series) }
        }
        for mark in marks {
            let column = xAxis.position(mark.x, cells: width), row = yAxis.position(mark.y, cells: height)
            if let series = mark.series, mark.connectsToPrevious, let start = previous[series] {
                // A straight line through every cell between the two points.
                let steps = Int(max(abs(column - start.column), abs(row - start.row)).rounded(.up))
                for step in 1..<max(steps, 1) {
                    let t = Double(step) / Double(steps)
                    place(Self.clamp(start.column + t * (column - start.column), width),
                          Self.clamp(start.row + t * (row - start.row), height), mark.character, series)
                }
            }
            place(Self.clamp(column, width), Self.clamp(row, height), mark.character, mark.series)
            if let series = mark.series { previous[series] = (column, row) }
        }
        // Shared cells, and which pairs of series share them.
        var shared: [String: Int] = [:]
        var names: [Int: String] = [:]
        for mark in marks { if let series = mark.series { names[series] = String(mark.character) } }
        var ownCells: [Int: Int] = [:]
        for row in 0..<height {
            for column in 0..<width where !owners[row][column].isEmpty {
                let here = owners[row][column].sorted()
                if here.count == 1 {
                    ownCells[here[0], default: 0] += 1
                    continue
                }
                grid[row][column] = Self.overlapMarker
                for (position, first) in here.enumerated() {
                    for second in here[(position + 1)...] { shared["\(first) \(second)", default: 0] += 1 }
                }
            }
        }
        var rowLabels = [String](repeating: "", count: height)
        for tick in yAxis.ticks {
            rowLabels[height - 1 - yAxis.cell(tick, cells: height)] = yAxis.label(tick)
        }
        let labelWidth = max(rowLabels.map(\.count).max() ?? 0, yLabel?.count ?? 0)
        let indent = String(repeating: " ", count: labelWidth + 1)

        if let title { lines.append(indent + centred(title, in: width + 1)) }
        if let yLabel { lines.append(pad(yLabel, to: labelWidth)) }
        for row in 0..<height {
            let label = rowLabels[row]
            lines.append(pad(label, to: labelWidth) + (label.isEmpty ? " |" : " +") + String(grid[row]))
        }
        var axisLine = [Character](repeating: "-", count: width)
        var tickLabels = [Character](repeating: " ", count: width + 8)
        var nextFree = 0
        for tick in xAxis.ticks {
            let column = xAxis.cell(tick, cells: width)
            axisLine[column] = "+"
            let text = Array(xAxis.label(tick))
            let start = max(0, column - text.count / 2)
            if start >= nextFree, start + text.count <= tickLabels.count {
                for (offset, character) in text.enumerated() { tickLabels[start + offset] = character }
                nextFree = start + text.count + 1
            }
        }
        lines.append(indent + "+" + String(axisLine))
        lines.append(trimmed(indent + " " + String(tickLabels)))
        if let xLabel { lines.append(indent + centred(xLabel, in: width + 1)) }
        if !legend.isEmpty {
            lines.append(indent + legend.map { "\($0.0) \($0.1)" }.joined(separator: "   "))
        }
        if !shared.isEmpty {
            // Which series coincide where `=` is drawn, most shared first.
            let pairs = shared.map { key, count -> (String, Int) in
                let parts = key.split(separator: " ").compactMap { Int($0) }
                let label = parts.map { series in legend.indices.contains(series) ? "\(legend[series].0) \(legend[series].1)" : names[series] ?? "?" }
                return (label.joined(separator: " and "), count)
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            let listed = pairs.prefix(4).map { "\($0.0) (\($0.1) cell\($0.1 == 1 ? "" : "s"))" }
            let more = pairs.count > 4 ? ["\(pairs.count - 4) more pairs"] : []
            let oneLine = "\(Self.overlapMarker) series coincide: " + (listed + more).joined(separator: "; ")
            if indent.count + oneLine.count <= 80 {
                lines.append(indent + oneLine)
            } else {
                lines.append(indent + "\(Self.overlapMarker) series coincide:")
                lines += (listed + more).map { indent + "  " + $0 }
            }
            let hidden = names.keys.sorted().filter { ownCells[$0, default: 0] == 0 }
            for series in hidden where legend.indices.contains(series) {
                lines.append(indent + "(\(legend[series].0) \(legend[series].1) lies everywhere on another series: only \(Self.overlapMarker) shows it)")
            }
        }
        lines += notes.map { indent + "(\($0))" }
        return lines.map(trimmed).joined(separator: "\n")
    }
}

extension PlotFrame {
    /// The nearest whole cell to a fractional one, inside `0 ..< cells`.
    static func clamp(_ position: Double, _ cells: Int) -> Int {
        min(max(Int(position.rounded()), 0), cells - 1)
    }
}

func pad(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

func centred(_ text: String, in width: Int) -> String {
    String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
}

func trimmed(_ line: String) -> String {
    String(line.reversed().drop(while: { $0 == " " }).reversed())
}
