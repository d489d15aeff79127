import Testing
@testable import Notebook

@Suite struct OutputSplicerTests {
    @Test func outputFollowsItsBlockAndFrontMatterIsDropped() throws {
        let lesson = try Lesson(text: """
            ---
            title: T
            ---
            Before.
            ```swift experiment
            print(1)
            ```
            ```swift experiment hide-output
            print(2)
            ```
            After.
            """, path: "lessons/t.md")
        let executed = ExecutedLesson(lesson: lesson, outputs: [
            BlockOutput(blockIndex: 0, text: "1\n"), BlockOutput(blockIndex: 1, text: "2\n"),
        ])
        #expect(try OutputSplicer.markdown(for: executed) == """
            Before.
            ```swift experiment anchor=block-L5
            print(1)
            ```

            ```output
            1
            ```
            ```swift experiment hide-output anchor=block-L8
            print(2)
            ```
            After.

            """)
    }

    @Test func fenceOutgrowsBackticksInTheOutput() {
        #expect(OutputSplicer.fencedOutput("a\n````\nb") == "`````output\na\n````\nb\n`````")
    }
}

@Suite struct SegmentAndValueTests {
    static let lesson = try! Lesson(text: """
        ---
        title: T
        ---
        Accuracy {{acc:.1%}} after {{epochs}} epochs, `{{literal}}` stays, and {{name}}.
        ```swift experiment
        record("acc", 0.9731)
        ```
        ```swift
        {{not prose}}
        ```
        """, path: "lessons/t.md")

    @Test func valuesReplaceReferencesOutsideCode() throws {
        let executed = ExecutedLesson(
            lesson: Self.lesson,
            outputs: [BlockOutput(blockIndex: 0, segments: [.text("before\n"), .markdown("| a |\n| ---: |\n| 1 |"), .text("after\n")])],
            values: ["acc": .number(0.9731), "epochs": .number(10), "name": .text("the LSTM")])
        #expect(try OutputSplicer.markdown(for: executed) == """
            Accuracy 97.3% after 10 epochs, `{{literal}}` stays, and the LSTM.
            ```swift experiment anchor=block-L5
            record("acc", 0.9731)
            ```

            ```output
            before
            ```

            | a |
            | ---: |
            | 1 |

            ```output
            after
            ```
            ```swift
            {{not prose}}
            ```

            """)
    }

    @Test(arguments: [
        (["acc": RecordedValue.number(1)], "no block records a value named `epochs`"),
        (["acc": .text("x"), "epochs": .number(1), "name": .text("n")], "`acc` is text and takes no format"),
    ])
    func badReferencesAreErrorsAtTheirLine(values: [String: RecordedValue], message: String) {
        let executed = ExecutedLesson(lesson: Self.lesson, outputs: [], values: values)
        #expect {
            _ = try OutputSplicer.markdown(for: executed)
        } throws: { error in
            guard let error = error as? LessonError else { return false }
            return error.line == 4 && error.message.contains(message)
        }
    }

    @Test func unknownFormatIsAnError() throws {
        let lesson = try Lesson(text: "---\ntitle: T\n---\nValue {{x:.2q}}.\n", path: "lessons/f.md")
        let executed = ExecutedLesson(lesson: lesson, outputs: [], values: ["x": .number(1)])
        #expect(throws: LessonError.self) { try OutputSplicer.markdown(for: executed) }
    }
}

@Suite struct SplicedValueTests {
    static let lesson = try! Lesson(text: """
        ---
        title: T
        ---
        Rate {{=0.003}}, accuracy {{acc:.1%}}.
        ```swift experiment id=train
        record("acc", 0.9731)
        ```
        """, path: "lessons/t.md")

    @Test func valuesBecomePlaceholdersWithTheirRecordLine() throws {
        let executed = ExecutedLesson(lesson: Self.lesson, outputs: [], values: ["acc": .number(0.9731)], recordLines: ["acc": 6])
        let spliced = try OutputSplicer.splice(executed)
        #expect(spliced.markdown.hasPrefix("Rate \(SplicedValue.placeholder(0)), accuracy \(SplicedValue.placeholder(1)).\n"))
        #expect(spliced.values == [
            SplicedValue(text: "0.003", name: nil, recordLine: nil, proseLine: 4),
            SplicedValue(text: "97.3%", name: "acc", recordLine: 6, proseLine: 4),
        ])
        #expect(spliced.markdown.contains("```swift experiment id=train anchor=block-train\n"))
        #expect(Self.lesson.blocks[0].contains(line: 6) && !Self.lesson.blocks[0].contains(line: 5))
    }

    @Test func anEmptyLiteralIsAnError() throws {
        let lesson = try Lesson(text: "---\ntitle: T\n---\nValue {{= }}.\n", path: "lessons/f.md")
        #expect(throws: LessonError.self) { try OutputSplicer.splice(ExecutedLesson(lesson: lesson, outputs: [])) }
    }

    @Test func privateUseCharactersAreRejected() {
        #expect(throws: LessonError.self) { try Lesson(text: "---\ntitle: T\n---\nA \u{E002}0\u{E003} here.\n", path: "lessons/p.md") }
    }
}

@Suite struct ValueWatchTests {
    static let lesson = try! Lesson(text: "---\ntitle: T\n---\n", path: "lessons/w.md")

    @Test func reportsWhatMovedWithOldNewAndLine() {
        let new = ExecutedLesson(
            lesson: Self.lesson, outputs: [],
            values: ["a": .number(2.874), "b": .number(1.0 + 1e-9), "c": .text("CIFG"), "d": .number(5)],
            recordLines: ["a": 12, "b": 13, "c": 14, "d": 15])
        let old: (values: [String: RecordedValue], lines: [String: Int]) = (
            ["a": .number(2.869), "b": .number(1.0), "c": .text("NP"), "e": .number(1)], ["a": 12, "b": 13, "c": 14, "e": 9])
        let changes = ValueWatch.changes(path: "lessons/w.md", old: old, new: new)
        #expect(changes.map(\.description) == [
            "lessons/w.md:9: e is no longer recorded (was 1.0)",
            "lessons/w.md:12: a 2.869 -> 2.874 (+0.174%)",
            "lessons/w.md:14: c \"NP\" -> \"CIFG\"",
            "lessons/w.md:15: d is new: 5.0",
        ])
        // With a looser tolerance only the large move stays.
        #expect(ValueWatch.changes(path: "lessons/w.md", old: old, new: new, tolerance: 0.01).map(\.name) == ["e", "c", "d"])
    }

    @Test func nanIsAValueLikeAnyOther() {
        #expect(!ValueWatch.moved(.number(.nan), .number(.nan), tolerance: 0))
        #expect(ValueWatch.moved(.number(.nan), .number(1), tolerance: 0))
        #expect(ValueWatch.moved(.number(.infinity), .number(1e308), tolerance: 1))
    }
}

@Suite struct ExerciseSplicingTests {
    @Test func theSolutionMovesAfterTheChecksWordsInsideAFold() throws {
        let lesson = try Lesson(text: """
            ---
            title: T
            ---
            ```swift exercise
            let y = 0 // ✏️
            ```
            A hint.
            ```swift solution
            let y = 2
            print(y)
            ```
            ```swift checks
            expect(y == 2, "`y` is 2")
            ```
            After.
            """, path: "lessons/t.md")
        let claim = Claim(text: "`y` is 2", holds: true, detail: nil, line: 13)
        let executed = ExecutedLesson(lesson: lesson, outputs: [], exercises: [ExerciseRun(
            exerciseIndex: 0, solution: .init(segments: [.text("2\n")], claims: [claim, claim]),
            attempt: .init(segments: [.text("starter output\n")], claims: [Claim(text: "`y` is 2", holds: false, detail: nil, line: 13)]))])
        let spliced = try OutputSplicer.splice(executed)
        #expect(spliced.markdown == """
            ```swift exercise anchor=exercise-1 number=1
            let y = 0 // ✏️
            ```
            A hint.

            ```exercise-checks
            `y` is 2
            ```

            ```exercise-solution
            ```

            ```swift solution
            let y = 2
            print(y)
            ```

            ```output
            2
            ```

            ```exercise-checks passed
            `y` is 2
            ```

            ```exercise-solution-end
            ```

            After.

            """)
        // Moved lines still point at the lesson; written ones at nothing.
        #expect(spliced.sourceLines[12...15] == [8, 9, 10, 11])
        #expect(spliced.sourceLines.last == 15)
    }
}
