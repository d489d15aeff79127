import Foundation
import LessonKit
import Testing
@testable import Notebook

/// How an exercise's two runs are told apart in the channel, and the rules the build holds
/// them to (`ExerciseRules`).
@Suite struct ExerciseRunTests {
    static let text = """
        ---
        title: T
        ---
        ```swift experiment
        let numbers = [3, 1, 4]
        ```
        ```swift exercise
        var largest = 0 // ✏️
        ```
        ```swift solution
        let largest = 4
        ```
        ```swift checks
        expect(largest == 4, "largest is 4")
        ```
        """
    static let lesson = try! Lesson(text: text, path: "lessons/t.md")

    static func at(_ output: Int) -> StreamPositions { StreamPositions(standardOutput: output, standardError: 0) }

    static func claim(_ holds: Bool, line: Int = 14) -> ChannelEvent {
        .claim(text: "largest is 4", holds: holds, detail: holds ? nil : "it is 0", file: "lessons/t.md", line: line)
    }

    static func outcome(solutionHolds: Bool = true, attemptHolds: Bool = false, lesson: Lesson = lesson) throws(LessonError) -> ExecutedLesson {
        let events: [ChannelEvent] = [
            .start,
            .block(index: 0, streams: at(0)),
            .exercise(index: 0, part: .solution, streams: at(6)),
            claim(solutionHolds),
            .exercise(index: 0, part: .attempt, streams: at(15)),
            claim(attemptHolds),
            .finish(streams: at(23)),
        ]
        let transcript = ProgramTranscript(
            standardOutput: Data("block\nsolution\nstarter\n".utf8), standardError: Data(),
            events: ChannelFile.events(inLines: events.reduce(Data()) { $0 + $1.line }))
        return try transcript.outcome(of: lesson, termination: .exited(0), elapsed: 1, timeLimit: 60, outputLimit: 1 << 20)
    }

    @Test func eachRunKeepsItsOwnOutputAndClaims() throws {
        let executed = try Self.outcome()
        #expect(executed.outputs == [BlockOutput(blockIndex: 0, text: "block\n")])
        #expect(executed.claims.isEmpty, "an exercise's claims are not the lesson's")
        #expect(executed.exercises == [ExerciseRun(
            exerciseIndex: 0,
            solution: .init(segments: [.text("solution\n")], claims: [Claim(text: "largest is 4", holds: true, detail: nil, line: 14)]),
            attempt: .init(segments: [.text("starter\n")], claims: [Claim(text: "largest is 4", holds: false, detail: "it is 0", line: 14)]))])
    }

    @Test func aSolutionThatFailsItsChecksFailsAtItsFence() {
        #expect(throws: LessonError(
            path: "lessons/t.md", line: 10, message: "the solution of exercise 1 fails its check at line 14: largest is 4 (it is 0)")) {
            try Self.outcome(solutionHolds: false)
        }
    }

    @Test func aStarterThatPassesFailsAtTheExerciseFence() {
        #expect {
            try Self.outcome(attemptHolds: true)
        } throws: { error in
            let error = error as? LessonError
            return error?.line == 7 && error?.message.hasPrefix("the starter of exercise 1 already passes every check") == true
        }
    }

    @Test func aScratchLessonLeavesTheVerdictToLessonsRun() throws {
        let scratch = try Lesson(
            text: Self.text.replacingOccurrences(of: "title: T", with: "title: T\nexercise-of: lessons/t.md"), path: "exercises/t-1.md")
        let executed = try Self.outcome(attemptHolds: true, lesson: scratch)
        #expect(executed.exercises.first?.attempt?.passes == true)
    }

    @Test func aCheckInALoopCountsOnceAndHoldsOnlyIfItAlwaysHeld() {
        let part = ExerciseRun.Part(claims: [
            Claim(text: "a", holds: true, detail: nil, line: 3),
            Claim(text: "b", holds: true, detail: nil, line: 4),
            Claim(text: "a", holds: false, detail: "turn 2", line: 3),
        ])
        #expect(part.distinctClaims == [Claim(text: "a", holds: false, detail: "turn 2", line: 3), Claim(text: "b", holds: true, detail: nil, line: 4)])
        #expect(!part.passes)
    }
}
