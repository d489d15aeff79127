/// The shared drawing of line and scatter plots: points on a character grid with a y axis of
/// labelled ticks on the left, an x axis below, a title, an axis label, a legend and notes.
///
/// Every character is ASCII, so columns line up in any monospace font.
struct PlotFrame {
    struct Mark {
        let x: Double
        let y: Double
        let character: Character
    }

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
        for mark in marks {
            let row = height - 1 - yAxis.cell(mark.y, cells: height)
            grid[row][xAxis.cell(mark.x, cells: width)] = mark.character
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
        lines += notes.map { indent + "(\($0))" }
        return lines.map(trimmed).joined(separator: "\n")
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
