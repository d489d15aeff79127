/// Labelled points in the plane, one character per class: for example hidden states
/// projected to two dimensions, showing which inputs the network groups together.
///
///     var scatter = ScatterPlot(title: "Hidden states (PCA)")
///     scatter.add(x: pc1, y: pc2, labels: characters)   // one label per point
///     scatter.show()
///
/// Each distinct label gets one plotting character: the label itself when it is a single
/// printable ASCII character, otherwise the next of `LinePlot.markers`.
public struct ScatterPlot {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var width: Int
    public var height: Int
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
        let lookup = Dictionary(uniqueKeysWithValues: characters.map { ($0.label, $0.character) })
        let drawable = points.filter { $0.x.isFinite && $0.y.isFinite }
        let marks = drawable.map { PlotFrame.Mark(x: $0.x, y: $0.y, character: lookup[$0.label]!) }
        let skipped = points.count - drawable.count
        let notes = skipped > 0 ? ["\(skipped) point\(skipped == 1 ? "" : "s") not shown: NaN or infinite"] : []
        // Labels that are their own character need no legend entry.
        let legend = characters.filter { String($0.character) != $0.label }.map { entry in
            (entry.character, entry.label.allSatisfy(\.isWhitespace) ? "'\(entry.label)'" : entry.label)
        }
        let frame = PlotFrame(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, logarithmicY: false)
        return frame.render(marks, legend: legend, notes: notes)
    }

    public func show() {
        print(render())
    }
}
