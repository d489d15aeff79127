import Foundation
import Testing
@testable import LessonKit

/// Every chart against exact expected text, including the edge cases lessons run into.
@Suite struct LinePlotGoldenTests {
    @Test func twoSeriesWithLegend() {
        var plot = LinePlot(title: "Training loss", xLabel: "epoch")
        plot.add("RNN", (0..<100).map { 1.4 * exp(-Double($0) / 40) })
        plot.add("LSTM", (0..<100).map { 1.4 * exp(-Double($0) / 10) })
        expectGolden("line-two-series", plot.render())
    }

    /// Lesson 4 once drew the vanilla curve under the LSTM's: a series that lies on another
    /// is drawn as `=` and the legend says so.
    @Test func aSeriesUnderAnotherIsShownAndNamed() {
        var plot = LinePlot(title: "Identical after step 10", height: 9)
        let shared = (0..<40).map { 1 / (1 + Double($0) / 5) }
        plot.add("vanilla", shared.enumerated().map { $0.offset < 10 ? $0.element * 0.5 : $0.element })
        plot.add("LSTM", shared)
        plot.add("copy of LSTM", shared)
        let text = plot.render()
        expectGolden("line-hidden-series", text)
        #expect(text.contains("lies everywhere on another series"))
    }

    /// Twelve points over sixty-four columns are joined, not dotted.
    @Test func sparsePointsAreJoined() {
        var plot = LinePlot(title: "Twelve points", height: 7)
        plot.add("rise", (0..<12).map { Double($0 * $0) })
        let text = plot.render()
        expectGolden("line-sparse-joined", text)
        let lastRow = text.split(separator: "\n").first { $0.hasPrefix("  0 +") } ?? ""
        #expect(!lastRow.contains("* *"), "no gaps between the points of a line")
    }

    @Test func onePoint() {
        var plot = LinePlot(title: "One point", height: 6)
        plot.add("", [3.0])
        expectGolden("line-one-point", plot.render())
    }

    @Test func constantSeries() {
        var plot = LinePlot(title: "Constant", height: 6)
        plot.add("flat", [Double](repeating: 0.25, count: 30))
        expectGolden("line-constant", plot.render())
    }

    @Test func negativeValues() {
        var plot = LinePlot(title: "Sine", height: 9)
        plot.add("sin", (0..<64).map { sin(Double($0) / 10) * 3 })
        expectGolden("line-negative", plot.render())
    }

    @Test func twelveOrdersOfMagnitudeOnALogAxis() {
        var plot = LinePlot(title: "Gradient norm against distance", xLabel: "distance", logarithmicY: true)
        plot.add("radius 0.5", (0..<40).map { 1e2 * pow(0.5, Double($0)) })
        plot.add("radius 1.0", [Double](repeating: 1, count: 40))
        expectGolden("line-log-twelve-orders", plot.render())
    }

    @Test func zerosNaNAndInfinityAreLeftOutWithANote() {
        var plot = LinePlot(title: "Exploding", logarithmicY: true)
        plot.add("loss", [1, 10, 100, 0, .infinity, .nan, 1000])
        expectGolden("line-log-zeros-nan", plot.render())
    }

    @Test func emptyInputSaysSo() {
        var plot = LinePlot(title: "Nothing")
        plot.add("none", [Double]())
        expectGolden("line-empty", plot.render())
        var allNaN = LinePlot(title: "All NaN")
        allNaN.add("nan", [Double.nan, .nan])
        expectGolden("line-all-nan", allNaN.render())
    }

    @Test func veryLongSeries() {
        var plot = LinePlot(title: "100,000 steps")
        plot.add("noisy", (0..<100_000).map { Double($0 % 1000) / 1000 + Double($0) / 100_000 })
        let text = plot.render()
        expectGolden("line-very-long", text)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}

@Suite struct OtherChartGoldenTests {
    @Test func scatterWithClasses() {
        var scatter = ScatterPlot(title: "Hidden states", xLabel: "first component", yLabel: "second", width: 40, height: 10)
        scatter.add(x: [0, 1, 2, 3, 0.5, 2.5, -1], y: [0, 1, 0.5, 2, 1.5, 0.2, -0.5], labels: ["a", "a", "e", "e", "space", " ", "a"])
        expectGolden("scatter-classes", scatter.render())
        var empty = ScatterPlot(title: "Empty")
        empty.add(x: [Double](), y: [], labels: [])
        expectGolden("scatter-empty", empty.render())
    }

    @Test func heatMaps() {
        let states: [[Double]] = [
            [-0.1, 0.0, 0.9, 0.95, 0.97, 0.98, 0.1, 0.2],
            [0.5, 0.4, -0.3, -0.8, -0.9, -0.9, -1.0, -0.2],
            [0.0, .nan, 0.1, 0.0, 0.2, 0.1, 0.0, 0.3],
        ]
        let map = HeatMap(states, title: "Hidden units over time", rowLabels: ["unit 0", "unit 1", "unit 2"],
                          columnLabels: "BbXcXcbE".map(String.init), range: -1...1)
        expectGolden("heatmap-labelled", map.render())
        expectGolden("heatmap-constant", HeatMap([[2.0, 2, 2], [2, 2, 2]]).render())
        expectGolden("heatmap-wide", HeatMap((0..<2).map { row in (0..<35).map { Double($0 * (row + 1)) } }).render())
        expectGolden("heatmap-empty", HeatMap([[Double]](), title: "Empty").render())
    }

    @Test func barCharts() {
        var bars = BarChart(title: "Accuracy over 5 seeds")
        bars.add("vanilla", 0.93, spread: 0.02)
        bars.add("NFG", 0.61, spread: 0.08)
        bars.add("NOAF", 0.0)
        expectGolden("bars-spread", bars.render())
        var mixed = BarChart(title: "Change", width: 20)
        mixed.add("up", 3.0)
        mixed.add("down", -1.5)
        mixed.add("broken", Double.nan)
        expectGolden("bars-negative", mixed.render())
        expectGolden("bars-empty", BarChart(title: "None").render())
    }

    @Test func histograms() {
        // A deterministic bell shape: sums of three stepped values.
        var values: [Double] = []
        for index in 0..<10_000 {
            let sum: Int = (index * 7919) % 100 + (index * 104_729) % 100 + (index * 1_299_709) % 100
            values.append(Double(sum) / 300)
        }
        expectGolden("histogram-long", Histogram(values, title: "Sums", binCount: 8).render())
        expectGolden("histogram-constant", Histogram([5.0, 5, 5], title: "Constant").render())
        expectGolden("histogram-empty", Histogram([Double.nan] as [Double], title: "Only NaN").render())
    }

    @Test func sparklines() {
        #expect(sparkline([1.0, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(sparkline([2.0, 2, 2]) == "▄▄▄")
        #expect(sparkline([1.0, .nan, 3]) == "▁ █")
        #expect(sparkline([Double]()) == "")
    }
}

@Suite struct ScatterMarkerTests {
    /// A letter label keeps its letter even when it first appears after a label that needs a
    /// marker, and no two labels share a character.
    @Test func lettersKeepTheirCharactersAndMarkersAvoidThem() {
        var scatter = ScatterPlot()
        scatter.add(x: [0, 1, 2, 3], y: [0, 1, 2, 3], labels: ["⏎", "*", "o", "space"])
        let characters = scatter.characters
        #expect(characters.map(\.label) == ["⏎", "*", "o", "space"])
        #expect(characters[1].character == "*" && characters[2].character == "o")
        #expect(Set(characters.map(\.character)).count == 4)
        #expect(!characters[0].character.isLetter && !characters[3].character.isLetter)
    }
}
