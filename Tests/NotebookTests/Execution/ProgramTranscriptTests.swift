import Foundation
import LessonKit
import Testing
@testable import Notebook

/// What a program's output and channel events mean for the lesson.
@Suite struct ProgramTranscriptTests {
    static let lesson = try! Lesson(text: """
        ---
        title: T
        ---
        ```swift experiment
        print("one")
        ```
        ```swift experiment
        print("two")
        ```
        """, path: "lessons/t.md")

    static func at(_ output: Int, _ error: Int) -> StreamPositions { StreamPositions(standardOutput: output, standardError: error) }

    static func record(_ name: String, _ value: ChannelEvent.RecordedValue, allowsNonFinite: Bool = false, line: Int) -> ChannelEvent {
        .record(name: name, value: value, allowsNonFinite: allowsNonFinite, file: "lessons/t.md", line: line)
    }

    static func outcome(_ events: [ChannelEvent], output: String = "one\nbefore\nafter\ntwo\n", errors: String = "careful\n")
        throws(LessonError) -> ExecutedLesson
    {
        // Through the file format, as the runner reads it.
        let lines = events.reduce(Data()) { $0 + $1.line }
        let transcript = ProgramTranscript(
            standardOutput: Data(output.utf8), standardError: Data(errors.utf8), events: ChannelFile.events(inLines: lines))
        return try transcript.outcome(of: lesson, termination: .exited(0), elapsed: 1, timeLimit: 60, outputLimit: 1 << 20)
    }

    @Test func outputIsCutAtTheBlockMarksWithMarkdownWhereItWasEmitted() throws {
        let executed = try Self.outcome([
            .start,
            .block(index: 0, streams: Self.at(0, 0)),
            .markdown(text: "| a |", streams: Self.at(11, 0)),
            .progress(label: "x", done: 1, total: 1),
            .block(index: 1, streams: Self.at(17, 8)),
            .finish(streams: Self.at(21, 8)),
        ])
        #expect(executed.outputs == [
            BlockOutput(blockIndex: 0, segments: [.text("one\nbefore\n"), .markdown("| a |"), .text("after\n"), .errorText("careful\n")]),
            BlockOutput(blockIndex: 1, segments: [.text("two\n")]),
        ])
    }

    @Test func recordedValuesClaimsAndDataFilesReachTheLesson() throws {
        let zero = Double(CommandLine.arguments.count - CommandLine.arguments.count)
        let executed = try Self.outcome([
            .block(index: 0, streams: Self.at(0, 0)),
            Self.record("acc", .number(0.9731), line: 5),
            Self.record("winner", .text("LSTM"), line: 6),
            Self.record("looks.numeric", .text("12"), line: 7),
            Self.record("exploded", .number(.infinity), allowsNonFinite: true, line: 8),
            Self.record("broken", .number(zero / zero), allowsNonFinite: true, line: 9),
            .claim(text: "it holds", holds: true, detail: nil, file: "lessons/t.md", line: 10),
            .data(path: "lessons/data/b.txt"),
            .data(path: "lessons/data/a.txt"),
            .data(path: "lessons/data/b.txt"),
            .finish(streams: Self.at(21, 8)),
        ])
        #expect(executed.values["acc"] == .number(0.9731))
        #expect(executed.values["winner"] == .text("LSTM"))
        #expect(executed.values["looks.numeric"] == .text("12"))
        #expect(executed.values["exploded"] == .number(.infinity))
        #expect(executed.values["broken"]?.plainText == "\(zero / zero)", "NaN keeps the sign the page's tooltip shows")
        #expect(executed.recordLines == ["acc": 5, "winner": 6, "looks.numeric": 7, "exploded": 8, "broken": 9])
        #expect(executed.nonFiniteAllowed == ["exploded", "broken"])
        #expect(executed.claims == [Claim(text: "it holds", holds: true, detail: nil, line: 10)])
        #expect(executed.dataFiles == ["lessons/data/a.txt", "lessons/data/b.txt"])
    }

    @Test func aFalseClaimFailsTheLessonAtItsLineListingTheOthers() {
        #expect(throws: LessonError(
            path: "lessons/t.md", line: 5, message: "claim failed: first (0.5 is not within 0.01 of 0.7)",
            details: "lessons/t.md:6: claim failed: second")) {
            try Self.outcome([
                .block(index: 0, streams: Self.at(0, 0)),
                .claim(text: "first", holds: false, detail: "0.5 is not within 0.01 of 0.7", file: "lessons/t.md", line: 5),
                .claim(text: "second", holds: false, detail: nil, file: "lessons/t.md", line: 6),
                .finish(streams: Self.at(21, 8)),
            ])
        }
    }

    @Test func aNameRecordedTwiceIsAnError() {
        #expect(throws: LessonError.self) {
            try Self.outcome([
                Self.record("x", .number(1), line: 5), Self.record("x", .number(2), line: 6), .finish(streams: Self.at(0, 0)),
            ])
        }
    }

    @Test func withoutTheFinishTheRunningBlockIsBlamed() {
        do {
            _ = try Self.outcome([.block(index: 0, streams: Self.at(0, 0)), .block(index: 1, streams: Self.at(17, 8))])
            Issue.record("a program that never finished passed")
        } catch {
            #expect(error.line == 7, "the fence of the block that was running")
            #expect(error.message.contains("ended the program early"))
        }
    }
}
