/// Labelled points in the plane, one character per class: for example hidden states
/// projected to two dimensions, showing which inputs the network groups together.
///
///     var scatter = ScatterPlot(title: "Hidden states (PCA)")
///     scatter.add(x: pc1, y: pc2, labels: characters)   // one label per point
///     scatter.show()
///
/// Each distinct label gets one plotting character: the label itself when it is a single
/// printable ASCII character, otherwise the next of `LinePlot.markers`.
///
/// No label hides another: points with the same label may share a cell, but when points with
/// different labels fall in one cell, the one nearest the cell's centre keeps it and the
/// others move to the nearest free cell, next to their point if one is free and never more
/// than `maximumLabelShift` cells away. A note under the plot names the labels that moved,
/// and one that found no free cell is listed with its coordinates (`labelsNotShown` gives
/// them to the code), so nothing disappears silently.
public struct ScatterPlot {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var width: Int
    public var height: Int
    /// How many cells a label may move from its point when another label holds its cell;
    /// 0 never moves a label (and lists every one that collides).
    public var maximumLabelShift = 2
    private var points: [(x: Double, y: Double, label: String)] = []

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, width: Int = 64, height: Int = 20) {
        precondition(width >= 8 && height >= 3, "ScatterPlot: width \(width) and height \(height) are too small to draw")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// Adds points with one label each.
    public mutating func add<Value: BinaryFloatingPoint>(x: [Value], y: [Value], labels: [String]) {
        precondition(x.count == y.count && y.count == labels.count,
                     "ScatterPlot.add: \(x.count) x, \(y.count) y and \(labels.count) labels")
        for index in x.indices { points.append((Double(x[index]), Double(y[index]), labels[index])) }
    }

    /// Plotting characters for labels that cannot stand for themselves: symbols that do not
    /// read as letters or digits.
    static let markers: [Character] = ["*", "#", "@", "%", "&", "+", "=", "~", "^", "$", "<", ">"]

    /// The character each label is drawn with, in order of first appearance. Single printable
    /// ASCII labels are drawn as themselves; the others get the next marker no label uses.
    var characters: [(label: String, character: Character)] {
        var labels: [String] = []
        for point in points where !labels.contains(point.label) { labels.append(point.label) }
        func standsForItself(_ label: String) -> Character? {
            guard label.count == 1, let only = label.first, only.isASCII, !only.isWhitespace else { return nil }
            return only
        }
        var used = Set(labels.compactMap(standsForItself))
        var spare = (Self.markers + LinePlot.markers).filter { !used.contains($0) }.makeIterator()
        return labels.map { label in
            if let itself = standsForItself(label) { return (label, itself) }
            let marker = spare.next() ?? "?"
            used.insert(marker)
            return (label, marker)
        }
    }

    public func render() -> String {
        let drawable = points.filter { $0.x.isFinite && $0.y.isFinite }
        let skipped = points.count - drawable.count
        let notes = skipped > 0 ? ["\(skipped) point\(skipped == 1 ? "" : "s") not shown: NaN or infinite"] : []
        // Labels that are their own character need no legend entry.
        let legend = characters.filter { String($0.character) != $0.label }.map { ($0.character, Self.displayName($0.label)) }
        let frame = self.frame
        guard let placed = placement(of: drawable) else { return frame.render([], legend: legend, notes: notes) }
        let cells = placed.outcomes.indices.compactMap { index -> (column: Int, row: Int, character: Character)? in
            guard let cell = placed.outcomes[index].cell else { return nil }
            return (cell.column, cell.row, placed.requests[index].character)
        }
        let placementNotes = Self.movedNote(drawable, placed.outcomes) + Self.hiddenNotes(drawable, placed.outcomes)
        return frame.render(cells: cells, in: placed.layout, legend: legend, notes: placementNotes + notes)
    }

    /// The labels no free cell could be found for, as "label at (x, y)", in the order added.
    /// Empty when every label is drawn.
    public var labelsNotShown: [String] {
        let drawable = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let placed = placement(of: drawable) else { return [] }
        return zip(drawable, placed.outcomes).filter { $0.1 == .hidden }.map { Self.describe($0.0) }
    }

    private var frame: PlotFrame {
        PlotFrame(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, logarithmicY: false)
    }

    /// The plot's axes, and where each point's label is drawn; `nil` when there are no points.
    private func placement(of drawable: [(x: Double, y: Double, label: String)])
        -> (layout: PlotFrame.Layout, requests: [LabelPlacement.Request], outcomes: [LabelPlacement.Outcome])? {
        let lookup = Dictionary(uniqueKeysWithValues: characters.map { ($0.label, $0.character) })
        let marks = drawable.map { PlotFrame.Mark(x: $0.x, y: $0.y, character: lookup[$0.label]!) }
        guard let layout = frame.layout(for: marks) else { return nil }
        let requests = marks.map { LabelPlacement.Request(column: layout.column($0.x), row: layout.row($0.y), character: $0.character) }
        let placement = LabelPlacement(width: layout.width, height: layout.height, maximumShift: max(0, maximumLabelShift))
        return (layout, requests, placement.place(requests))
    }

    /// A label as the legend writes it: whitespace in quotes, so it can be seen.
    private static func displayName(_ label: String) -> String {
        label.allSatisfy(\.isWhitespace) ? "'\(label)'" : label
    }

    /// A point for a note: its label and coordinates.
    private static func describe(_ point: (x: Double, y: Double, label: String)) -> String {
        let number = NumberFormat.significant(digits: 3)
        return "\(listed(point.label)) at (\(number.string(point.x)), \(number.string(point.y)))"
    }

    /// The note naming the labels drawn away from their point, so a reader does not take a
    /// moved label's cell for its position; none when no label moved.
    private static func movedNote(_ points: [(x: Double, y: Double, label: String)], _ outcomes: [LabelPlacement.Outcome]) -> [String] {
        var moved: [String] = []
        var farthest = 0
        for (point, outcome) in zip(points, outcomes) {
            guard case .moved(_, let distance) = outcome else { continue }
            farthest = max(farthest, distance)
            moved.append(point.label)
        }
        guard !moved.isEmpty else { return [] }
        let names = tally(moved).map { listed($0.label) + ($0.count > 1 ? " x\($0.count)" : "") }
        let how = farthest == 1 ? "next to their point" : "up to \(farthest) cells from their point"
        // Wrapped to fit an 80-column page beside the y axis labels.
        return [wrapped("moved \(how), whose cell another label holds: " + names.joined(separator: " "), width: 64)]
    }

    /// A label in a list separated by spaces: quoted if it holds a space.
    private static func listed(_ label: String) -> String {
        label.contains { $0.isWhitespace } ? "'\(label)'" : label
    }

    /// Each distinct label with how often it occurs, in order of first appearance.
    private static func tally(_ labels: [String]) -> [(label: String, count: Int)] {
        var counts: [(label: String, count: Int)] = []
        for label in labels {
            if let index = counts.firstIndex(where: { $0.label == label }) {
                counts[index].count += 1
            } else {
                counts.append((label, 1))
            }
        }
        return counts
    }

    /// Most labels listed one by one at their coordinates; past that, how many of each label.
    private static let hiddenListed = 10

    /// Notes listing the labels that could not be drawn, with their coordinates.
    private static func hiddenNotes(_ points: [(x: Double, y: Double, label: String)], _ outcomes: [LabelPlacement.Outcome]) -> [String] {
        let hidden = zip(points, outcomes).filter { $0.1 == .hidden }.map(\.0)
        let oneByOne = hidden.prefix(hiddenListed).map { "not shown, no free cell near its point: " + describe($0) }
        let rest = hidden.dropFirst(hiddenListed)
        guard !rest.isEmpty else { return oneByOne }
        return oneByOne + ["and \(rest.count) more not shown: " + tally(rest.map(\.label)).map { "\($0.count) \(listed($0.label))" }.joined(separator: ", ")]
    }

    public func show() {
        print(render())
    }
}
