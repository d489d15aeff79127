import Foundation
import Testing
@testable import LessonKit

/// Scatter labels that collide are moved beside their point or listed, never lost: the
/// goldens here differ from what the old plot drew, which kept the last label of a cell.
@Suite struct ScatterLabelGoldenTests {
    /// Lesson 12's picture in miniature: 40 characters in tight clusters (lower-case letters,
    /// capitals, punctuation), where several land in a cell another label holds. Before, the
    /// later label was drawn over the earlier and the earlier vanished without a word.
    @Test func collidingLabelsMoveNextToTheirPoint() {
        let (x, y, labels) = Self.characterClusters()
        var scatter = ScatterPlot(title: "Mean hidden state after each character", xLabel: "component 1",
                                  yLabel: "component 2", width: 60, height: 20)
        scatter.add(x: x, y: y, labels: labels)
        let text = scatter.render()
        expectGolden("scatter-crowded-labels", text)
        #expect(text.contains("moved next to their point"))
        #expect(scatter.labelsNotShown.isEmpty)
        let plotted = Self.plottedCharacters(text)
        for label in labels { #expect(plotted.contains(Character(label)), "label \(label) is drawn") }
    }

    /// When every cell within reach is taken, the label is listed under the plot with its
    /// coordinates instead of vanishing.
    @Test func labelsWithNoFreeCellAreListedWithCoordinates() {
        var scatter = ScatterPlot(title: "Twelve labels on one point", width: 30, height: 7)
        scatter.maximumLabelShift = 1
        let crowd = "abcdefghijkl".map(String.init)
        scatter.add(x: [Double](repeating: 0.5, count: 12) + [0, 1], y: [Double](repeating: 0.5, count: 12) + [0, 1],
                    labels: crowd + ["x", "y"])
        let text = scatter.render()
        expectGolden("scatter-labels-not-shown", text)
        // One cell and its eight neighbours hold nine of the twelve.
        #expect(scatter.labelsNotShown == ["j at (0.5, 0.5)", "k at (0.5, 0.5)", "l at (0.5, 0.5)"])
        #expect(text.contains("not shown, no free cell near its point: j at (0.5, 0.5)"))
    }

    /// Points with the same label share a cell: a class's cloud is not spread out, and no
    /// note appears for it.
    @Test func pointsWithOneLabelShareACell() {
        var scatter = ScatterPlot(width: 20, height: 5)
        scatter.add(x: [0, 0, 0, 1], y: [0, 0, 0, 1], labels: ["a", "a", "a", "b"])
        let text = scatter.render()
        #expect(!text.contains("moved") && !text.contains("not shown"))
        #expect(text.filter { $0 == "a" }.count == 1)
    }

    /// The label nearest a cell's centre keeps the cell; the other takes the nearest free cell,
    /// preferring one beside it (a row is about two columns tall).
    @Test func placementPrefersTheNearestCellBeside() {
        let placement = LabelPlacement(width: 10, height: 5, maximumShift: 2)
        let outcomes = placement.place([
            .init(column: 4.3, row: 2, character: "p"),
            .init(column: 4.1, row: 2, character: "q"),
        ])
        #expect(outcomes[1] == .atPoint(.init(column: 4, row: 2)))
        #expect(outcomes[0] == .moved(.init(column: 5, row: 2), distance: 1))
        #expect(LabelPlacement(width: 10, height: 5, maximumShift: 0).place([
            .init(column: 4, row: 2, character: "p"), .init(column: 4, row: 2, character: "q"),
        ])[1] == .hidden)
    }

    /// Forty characters in three clusters, from a fixed generator.
    static func characterClusters() -> (x: [Double], y: [Double], labels: [String]) {
        var state: UInt64 = 12
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var x: [Double] = [], y: [Double] = [], labels: [String] = []
        let clusters: [(String, Double, Double, Double)] = [
            ("etaoinshrdlucmfwygpbvk", 1.0, 0.0, 1.2), ("TAEOISHNRD", -2.0, -0.5, 0.9), (",.;:!?'-", 0.5, 2.5, 0.8),
        ]
        for (characters, centreX, centreY, size) in clusters {
            for character in characters {
                labels.append(String(character))
                x.append(centreX + size * (uniform() - 0.5))
                y.append(centreY + size * (uniform() - 0.5) / 2)
            }
        }
        return (x, y, labels)
    }

    /// The characters inside the plotting area of a rendered plot.
    static func plottedCharacters(_ text: String) -> Set<Character> {
        Set(text.split(separator: "\n").compactMap { line -> Substring? in
            guard let bar = line.range(of: " |") ?? line.range(of: " +") else { return nil }
            return line[bar.upperBound...]
        }.joined())
    }
}
