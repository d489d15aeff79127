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

    /// Where marks fall: the two axes and the rows the plot really uses.
    struct Layout {
        let xAxis: Axis
        let yAxis: Axis
        let width: Int
        /// Rows of the plotting area: at most the height asked for, so the ticks are evenly spaced.
        let height: Int

        /// The fractional column of `x`, from 0 to `width − 1`.
        func column(_ x: Double) -> Double { xAxis.position(x, cells: width) }
        /// The fractional row of `y`, from 0 (bottom) to `height − 1`.
        func row(_ y: Double) -> Double { yAxis.position(y, cells: height) }
    }

    /// The axes for `marks`, or `nil` when there is nothing to plot.
    func layout(for marks: [Mark]) -> Layout? {
        guard !marks.isEmpty else { return nil }
        let xs = marks.map(\.x)
        let ys = marks.map(\.y)
        let xAxis = Axis.linear(xs.min()!, xs.max()!, tickCount: max(2, width / 12), widenToTicks: false)
        let yAxis = logarithmicY
            ? Axis.logarithmic(ys.min()!, ys.max()!, rows: height)
            : Axis.linear(ys.min()!, ys.max()!, tickCount: max(3, min(8, height / 2)))
        // Use as many rows as keep the same whole number of rows between ticks, so every tick
        // label sits exactly on its value.
        let intervals = max(1, yAxis.ticks.count - 1)
        let rows = intervals * max(1, (height - 1) / intervals) + 1
        return Layout(xAxis: xAxis, yAxis: yAxis, width: width, height: rows)
    }

    /// The chart as lines of text.
    ///
    /// - Parameters:
    ///   - marks: points to draw, later ones on top; all finite, and positive `y` on a log axis.
    ///   - legend: (marker, name) pairs shown under the chart.
    ///   - notes: sentences shown last, such as how many points could not be drawn; a note may
    ///     hold line breaks.
    func render(_ marks: [Mark], legend: [(Character, String)], notes: [String]) -> String {
        guard let layout = layout(for: marks) else { return nothingToPlot(notes: notes) }
        var canvas = Canvas(width: layout.width, height: layout.height)
        canvas.draw(marks, in: layout)
        let shared = canvas.markSharedCells()
        let indent = String(repeating: " ", count: labelWidth(layout) + 1)
        let coincidences = coincidenceLines(shared, series: Self.seriesCharacters(marks), legend: legend, indent: indent)
        return compose(canvas.grid, layout, legend: legend, remarks: coincidences, notes: notes)
    }

    /// The chart with characters at cells chosen by the caller (column from the left, row from
    /// the bottom, inside `layout`), for charts that place their own marks.
    func render(cells: [(column: Int, row: Int, character: Character)], in layout: Layout,
                legend: [(Character, String)], notes: [String]) -> String {
        var canvas = Canvas(width: layout.width, height: layout.height)
        for cell in cells { canvas.put(cell.column, cell.row, cell.character, series: nil) }
        return compose(canvas.grid, layout, legend: legend, remarks: [], notes: notes)
    }

    /// What an empty chart shows: its title and why nothing is drawn.
    func nothingToPlot(notes: [String]) -> String {
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append("(nothing to plot: no finite points\(logarithmicY ? " above zero" : ""))")
        lines += notes.map { "(\($0))" }
        return lines.joined(separator: "\n")
    }

    /// The tick label of each row, top row first; empty for rows without a tick.
    private func rowLabels(_ layout: Layout) -> [String] {
        var labels = [String](repeating: "", count: layout.height)
        for tick in layout.yAxis.ticks {
            labels[layout.height - 1 - layout.yAxis.cell(tick, cells: layout.height)] = layout.yAxis.label(tick)
        }
        return labels
    }

    /// Columns left of the y axis: the widest tick label or the y axis label.
    private func labelWidth(_ layout: Layout) -> Int {
        max(rowLabels(layout).map(\.count).max() ?? 0, yLabel?.count ?? 0)
    }

    /// The grid framed by its axes, with the title, axis labels, legend, `remarks` (lines
    /// already indented) and notes.
    private func compose(_ grid: [[Character]], _ layout: Layout, legend: [(Character, String)],
                         remarks: [String], notes: [String]) -> String {
        let rowLabels = rowLabels(layout)
        let labelWidth = labelWidth(layout)
        let indent = String(repeating: " ", count: labelWidth + 1)
        var lines: [String] = []
        if let title { lines.append(indent + centred(title, in: width + 1)) }
        if let yLabel { lines.append(pad(yLabel, to: labelWidth)) }
        for row in grid.indices {
            let label = rowLabels[row]
            lines.append(pad(label, to: labelWidth) + (label.isEmpty ? " |" : " +") + String(grid[row]))
        }
        lines += xAxisLines(layout.xAxis).map { indent + $0 }
        if let xLabel { lines.append(indent + centred(xLabel, in: width + 1)) }
        if !legend.isEmpty {
            lines.append(indent + legend.map { "\($0.0) \($0.1)" }.joined(separator: "   "))
        }
        lines += remarks
        lines += notes.flatMap { noteLines($0, indent: indent) }
        return lines.map(trimmed).joined(separator: "\n")
    }

    /// A note in brackets; the lines of a note with line breaks stay under its first line's text.
    private func noteLines(_ note: String, indent: String) -> [String] {
        let parts = ("(" + note + ")").split(separator: "\n", omittingEmptySubsequences: false)
        return parts.enumerated().map { indent + ($0.offset == 0 ? "" : " ") + $0.element }
    }

    /// The x axis line with its ticks, and the tick labels under it (a label that would run
    /// into the previous one is left out).
    private func xAxisLines(_ xAxis: Axis) -> [String] {
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
        return ["+" + String(axisLine), trimmed(" " + String(tickLabels))]
    }

    /// Lines saying which series coincide where `=` is drawn, most shared first, and which
    /// series show nowhere on their own.
    private func coincidenceLines(_ overlaps: Canvas.Overlaps, series names: [Int: String],
                                  legend: [(Character, String)], indent: String) -> [String] {
        guard !overlaps.shared.isEmpty else { return [] }
        var lines: [String] = []
        let pairs = overlaps.shared.map { key, count -> (String, Int) in
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
        let hidden = names.keys.sorted().filter { overlaps.ownCells[$0, default: 0] == 0 }
        for series in hidden where legend.indices.contains(series) {
            lines.append(indent + "(\(legend[series].0) \(legend[series].1) lies everywhere on another series: only \(Self.overlapMarker) shows it)")
        }
        return lines
    }
}

/// The plotting area as characters, top row first, with the series that touch each cell.
struct Canvas {
    private(set) var grid: [[Character]]
    /// Which series touch each cell, to mark the cells they share.
    private var owners: [[Set<Int>]]

    init(width: Int, height: Int) {
        grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        owners = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: width), count: height)
    }

    /// Puts `character` at `column` and `row` (0 at the bottom), on behalf of `series`.
    mutating func put(_ column: Int, _ row: Int, _ character: Character, series: Int?) {
        let gridRow = grid.count - 1 - row
        grid[gridRow][column] = character
        if let series { owners[gridRow][column].insert(series) }
    }

    /// Draws `marks` in order, joining a mark to its series' previous one where asked.
    mutating func draw(_ marks: [PlotFrame.Mark], in layout: PlotFrame.Layout) {
        let (width, height) = (layout.width, layout.height)
        var previous: [Int: (column: Double, row: Double)] = [:]
        for mark in marks {
            let column = layout.column(mark.x), row = layout.row(mark.y)
            if let series = mark.series, mark.connectsToPrevious, let start = previous[series] {
                // A straight line through every cell between the two points.
                let steps = Int(max(abs(column - start.column), abs(row - start.row)).rounded(.up))
                for step in 1..<max(steps, 1) {
                    let t = Double(step) / Double(steps)
                    put(PlotFrame.clamp(start.column + t * (column - start.column), width),
                        PlotFrame.clamp(start.row + t * (row - start.row), height), mark.character, series: series)
                }
            }
            put(PlotFrame.clamp(column, width), PlotFrame.clamp(row, height), mark.character, series: mark.series)
            if let series = mark.series { previous[series] = (column, row) }
        }
    }

    /// How series share cells: for each pair ("first second") the cells they share, and for
    /// each series the cells it has to itself.
    struct Overlaps {
        var shared: [String: Int] = [:]
        var ownCells: [Int: Int] = [:]
    }

    /// Draws `PlotFrame.overlapMarker` in every cell two or more series share, and counts them.
    mutating func markSharedCells() -> Overlaps {
        var overlaps = Overlaps()
        for row in grid.indices {
            for column in grid[row].indices where !owners[row][column].isEmpty {
                let here = owners[row][column].sorted()
                if here.count == 1 {
                    overlaps.ownCells[here[0], default: 0] += 1
                    continue
                }
                grid[row][column] = PlotFrame.overlapMarker
                for (position, first) in here.enumerated() {
                    for second in here[(position + 1)...] { overlaps.shared["\(first) \(second)", default: 0] += 1 }
                }
            }
        }
        return overlaps
    }
}

extension PlotFrame {
    /// The character each series of `marks` is drawn with.
    static func seriesCharacters(_ marks: [Mark]) -> [Int: String] {
        var names: [Int: String] = [:]
        for mark in marks { if let series = mark.series { names[series] = String(mark.character) } }
        return names
    }

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

/// `text` broken at spaces into lines of at most `width` characters (a longer word keeps its line).
func wrapped(_ text: String, width: Int) -> String {
    var lines: [String] = []
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if let last = lines.last, last.count + 1 + word.count <= width {
            lines[lines.count - 1] = last + " " + word
        } else {
            lines.append(String(word))
        }
    }
    return lines.joined(separator: "\n")
}

func trimmed(_ line: String) -> String {
    String(line.reversed().drop(while: { $0 == " " }).reversed())
}
