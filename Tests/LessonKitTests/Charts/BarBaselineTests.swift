import Foundation
import Testing
@testable import LessonKit

/// Bars of close values start near the smallest, and say so.
@Suite struct BarBaselineTests {
    /// Three bits-per-character results a few percent apart: from zero their bars differed by
    /// one column; from 2.8 the difference shows, and the chart says where bars start.
    @Test func closeValuesStartNearTheSmallest() {
        var bars = BarChart(title: "Bits per character on held-out text", format: .fixed(decimals: 3))
        bars.add("LSTM", 2.869)
        bars.add("GRU", 2.874)
        bars.add("vanilla RNN", 2.926)
        let text = bars.render()
        expectGolden("bars-close-values", text)
        #expect(text.contains("(bars start at 2.8, not 0)"))
        var fromZero = bars
        fromZero.baseline = .zero
        #expect(!fromZero.render().contains("bars start"))
    }

    @Test func theRule() {
        #expect(BarChart.raisedBaseline([2.869, 2.874, 2.926])?.text == "2.8")
        // A value on a round number still gets a bar.
        #expect(BarChart.raisedBaseline([2.9, 2.95, 3.0])?.text == "2.8")
        #expect(BarChart.raisedBaseline([1000, 1010, 1042])?.text == "950")
        // Values spanning zero, far apart, equal, alone, or not all positive keep zero.
        #expect(BarChart.raisedBaseline([-1, 1]) == nil)
        #expect(BarChart.raisedBaseline([0.93, 0.61, 0]) == nil)
        #expect(BarChart.raisedBaseline([10, 9]) == nil)
        #expect(BarChart.raisedBaseline([5, 5]) == nil)
        #expect(BarChart.raisedBaseline([5]) == nil)
        #expect(BarChart.raisedBaseline([-2.9, -2.8]) == nil)
    }
}
