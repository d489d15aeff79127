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
            ```swift experiment
            print(1)
            ```

            ```output
            1
            ```
            ```swift experiment hide-output
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
            ```swift experiment
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
