/// Several series against a common x axis, drawn as ASCII: the picture of a training curve
/// or of gradient norms against distance.
///
///     var plot = LinePlot(title: "Training loss", xLabel: "epoch")
///     plot.add("RNN", rnnLosses)
///     plot.add("LSTM", lstmLosses)
///     plot.show()
///
/// Each series is drawn as a continuous line through its points. Where two series fall in the
/// same cell the chart shows `=`, and the legend says which series coincide and in how many
/// cells, so no series can hide under another. The y range is chosen from the data with round
/// tick labels; `logarithmicY` spans powers of ten (gradient norms from 1e-12 to 1e2) and
/// labels every decade when the height allows, otherwise evenly spaced decades with the top
/// and the bottom labelled. Points that are NaN or infinite — or not positive,
/// on a logarithmic axis — are left out and counted in a note under the chart. The default
/// size fits an 80-column terminal and the site's text column.
public struct LinePlot {
    public struct Series {
        public let name: String
        public let x: [Double]
        public let y: [Double]
        public let marker: Character
    }

    /// Markers given to series in order.
    public static let markers: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Columns and rows of the plotting area.
    public var width: Int
    public var height: Int
    public var logarithmicY: Bool
    public private(set) var series: [Series] = []

    public init(
        title: String? = nil, xLabel: String? = "step", yLabel: String? = nil,
        width: Int = 64, height: Int = 15, logarithmicY: Bool = false
    ) {
        precondition(width >= 8 && height >= 3, "LinePlot: width \(width) and height \(height) are too small to draw")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
        self.logarithmicY = logarithmicY
    }

    /// Adds a series; `x` defaults to 0, 1, 2, …
    public mutating func add<Value: BinaryFloatingPoint>(_ name: String, _ y: [Value], x: [Double]? = nil, marker: Character? = nil) {
        precondition(x == nil || x!.count == y.count, "LinePlot.add: \(x!.count) x values for \(y.count) y values")
        series.append(Series(
            name: name, x: x ?? y.indices.map { Double($0) }, y: y.map { Double($0) },
            marker: marker ?? Self.markers[series.count % Self.markers.count]))
    }

    /// The chart as text.
    public func render() -> String {
        var marks: [PlotFrame.Mark] = []
        var notFinite = 0
        var notPositive = 0
        for (index, line) in series.enumerated() {
            // Consecutive drawable points are joined by a line; a point left out breaks it.
            var joined = false
            for (x, y) in zip(line.x, line.y) {
                if !x.isFinite || !y.isFinite {
                    notFinite += 1
                    joined = false
                } else if logarithmicY && y <= 0 {
                    notPositive += 1
                    joined = false
                } else {
                    marks.append(PlotFrame.Mark(x: x, y: y, character: line.marker, series: index, connectsToPrevious: joined))
                    joined = true
                }
            }
        }
        var notes: [String] = []
        if notFinite > 0 { notes.append("\(notFinite) point\(notFinite == 1 ? "" : "s") not shown: NaN or infinite") }
        if notPositive > 0 { notes.append("\(notPositive) point\(notPositive == 1 ? "" : "s") not shown: zero or negative on a logarithmic axis") }
        let frame = PlotFrame(title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, logarithmicY: logarithmicY)
        return frame.render(marks, legend: series.count > 1 || !(series.first?.name.isEmpty ?? true) ? series.map { ($0.marker, $0.name) } : [], notes: notes)
    }

    /// Prints the chart into the block's output.
    public func show() {
        print(render())
    }
}
