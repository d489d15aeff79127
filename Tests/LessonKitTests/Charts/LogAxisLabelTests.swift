import Foundation
import Testing
@testable import LessonKit

/// Log axes label every decade the height allows, and otherwise evenly spaced decades.
@Suite struct LogAxisLabelTests {
    /// The old rule labelled at most eight ticks; the twelve decades of a gradient-norm plot fit one
    /// row each in 15 rows, so each is labelled.
    @Test func everyDecadeWhenTheHeightAllows() {
        #expect(Axis.decadesPerLabel(decades: 12, rows: 15) == 1)
        let axis = Axis.logarithmic(1.8e-10, 100, rows: 15)
        #expect(axis.ticks.map { axis.label($0) } == (-10...2).map { "1e\($0)" })
    }

    /// A 30-decade plot in 12 rows: every third decade, evenly spaced, with the top and the
    /// bottom labelled.
    @Test func evenlySpacedDecadesWhenNotAllFit() {
        var plot = LinePlot(title: "Thirty decades", height: 12, logarithmicY: true)
        plot.add("decay", (0...30).map { pow(10, -Double($0)) })
        let text = plot.render()
        expectGolden("line-log-thirty-decades", text)
        let rows = text.split(separator: "\n").filter { $0.contains(" +") || $0.contains(" |") }.dropLast()
        #expect(rows.first?.hasPrefix("  1e0 +") == true)
        #expect(rows.last?.hasPrefix("1e-30 +") == true)
        #expect(Axis.decadesPerLabel(decades: 30, rows: 12) == 3)
    }

    /// Never fewer labels than the old rule (at most eight ticks, one every two rows), for any
    /// height and span a lesson might use.
    @Test func neverFewerLabelsThanBefore() {
        for rows in 3...60 {
            for decades in 1...40 {
                let oldTicks = max(3, min(8, rows / 2))
                let oldEvery = max(1, Int((Double(decades) / Double(max(oldTicks - 1, 1))).rounded(.up)))
                #expect(Axis.decadesPerLabel(decades: decades, rows: rows) <= oldEvery, "\(decades) decades in \(rows) rows")
            }
        }
    }
}
