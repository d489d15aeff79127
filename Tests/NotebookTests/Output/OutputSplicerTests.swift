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
        #expect(OutputSplicer.markdown(for: executed) == """
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
