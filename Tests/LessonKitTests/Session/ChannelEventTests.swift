import Foundation
import Testing
@testable import LessonKit

/// The channel's wire format, as the program writes it: one line of sorted-key JSON per event.
@Suite struct ChannelEventTests {
    private static let streams = StreamPositions(standardOutput: 120, standardError: 7)

    /// One event of every kind, with awkward text where there is text.
    static let everyKind: [ChannelEvent] = [
        .start,
        .block(index: 3, streams: streams),
        .markdown(text: "| a | b |\n| --- | ---: |\n| \"x\" | 1 |", streams: streams),
        .finish(streams: streams),
        .record(name: "acc", value: .number(0.9731), allowsNonFinite: false, file: "lessons/01-a.md", line: 11),
        .record(name: "winner", value: .text("tab\there ✓ \\ / \u{1}"), allowsNonFinite: false, file: "lessons/01-a.md", line: 12),
        .claim(text: "A beats B", holds: false, detail: "claimed better, but…", file: "lessons/01-a.md", line: 13),
        .claim(text: "it holds", holds: true, detail: nil, file: "lessons/01-a.md", line: 14),
        .progress(label: "training", done: 3, total: 10),
        .data(path: "lessons/data/names.txt"),
    ]

    @Test(arguments: everyKind) func everyKindIsOneLineThatReadsBackTheSame(event: ChannelEvent) throws {
        let line = event.line
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().firstIndex(of: UInt8(ascii: "\n")) == nil, "a newline in text is escaped")
        #expect(try ChannelEvent(line: line.dropLast()) == event)
    }

    @Test func keysAreSortedSoRecordsAreReproducible() {
        let event = ChannelEvent.record(name: "acc", value: .number(0.5), allowsNonFinite: true, file: "lessons/a.md", line: 9)
        #expect(String(decoding: event.line, as: UTF8.self) == """
            {"record":{"allowsNonFinite":true,"file":"lessons/a.md","line":9,"name":"acc","value":{"number":0.5}}}

            """)
        let claim = ChannelEvent.claim(text: "holds", holds: true, detail: nil, file: "lessons/a.md", line: 10)
        #expect(String(decoding: claim.line, as: UTF8.self) == """
            {"claim":{"file":"lessons/a.md","holds":true,"line":10,"text":"holds"}}

            """, "no detail, no key")
    }

    @Test func nonFiniteNumbersTravelAsTheirSwiftSpellingSignIncluded() throws {
        let zero = Double(CommandLine.arguments.count - CommandLine.arguments.count)
        // 0 / 0 computed at run time is a NaN with its sign bit set on x86-64: "-nan".
        for (value, spelled) in [(Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"), (-Double.nan, "-nan"),
                                 (zero / zero, "\(zero / zero)")] {
            let event = ChannelEvent.record(name: "x", value: .number(value), allowsNonFinite: true, file: "f", line: 1)
            #expect(String(decoding: event.line, as: UTF8.self).contains("\"value\":{\"number\":\"\(spelled)\"}"))
            guard case .record(_, .number(let decoded), _, _, _) = try ChannelEvent(line: event.line.dropLast()) else {
                Issue.record("not a recorded number")
                continue
            }
            #expect("\(decoded)" == spelled)
        }
    }

    @Test func recordedNumbersArriveToTheLastBit() throws {
        // JSONSerialization, which read the channel before, got some of these one ulp wrong.
        for value in [1 / 5.9, exp(-49.0 / 8), Double(Float(0.1)), 1e-300, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0] {
            let event = ChannelEvent.record(name: "x", value: .number(value), allowsNonFinite: false, file: "f", line: 1)
            guard case .record(_, .number(let decoded), _, _, _) = try ChannelEvent(line: event.line.dropLast()) else {
                Issue.record("not a recorded number")
                continue
            }
            #expect(decoded.bitPattern == value.bitPattern, "\(value)")
        }
    }

    @Test func textThatLooksLikeANumberStaysText() throws {
        for text in ["12", "nan", "inf", "0.5"] {
            let event = ChannelEvent.record(name: "x", value: .text(text), allowsNonFinite: false, file: "f", line: 1)
            #expect(try ChannelEvent(line: event.line.dropLast()) == event)
        }
    }

    @Test func aLineThatIsNotAnEventDoesNotDecode() {
        let whole = String(decoding: ChannelEvent.claim(text: "c", holds: true, detail: nil, file: "f", line: 1).line, as: UTF8.self)
        for line in [
            String(whole.prefix(20)),                              // torn mid-write
            "{\"checkpoint\":{\"step\":3}}",                       // a kind this build does not know
            "{\"progress\":{\"label\":\"x\",\"done\":\"three\",\"total\":3}}",  // a field of the wrong type
            "{\"record\":{\"name\":\"x\",\"value\":{\"number\":\"ten\"},\"allowsNonFinite\":false,\"file\":\"f\",\"line\":1}}",
            "printed text",
            "",
        ] {
            #expect(throws: (any Error).self, "\(line)") { try ChannelEvent(line: Data(line.utf8)) }
        }
    }
}
