import Foundation
import Testing

/// `lessons build` end to end: fixture lessons in a scratch project, the real binary, the real
/// compiler, and the HTML it writes.
@Suite struct BuildCommandTests {
    static let workingLesson = """
        ---
        title: Fixture lesson
        summary: Two blocks that share scope.
        order: 1
        ---

        The answer follows.

        ```swift experiment
        var generator = RandomGenerator(seed: 3)
        let rnn = RNN(inputSize: 2, hiddenSize: 3, generator: &generator)
        let answer = 6 * 7
        ```

        ```swift experiment
        print("answer =", answer)
        print("parameters =", rnn.parameterCount)
        ```

        ```swift
        this is shown, never compiled
        ```
        """

    @Test func buildsAPageWithCodeAndItsOutput() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-fixture.md", Self.workingLesson)
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let index = try project.read("site/index.html")
        #expect(index.contains("<a href=\"01-fixture.html\">Fixture lesson</a>"))
        let page = try project.read("site/01-fixture.html")
        #expect(page.contains("let answer = 6 * 7"))
        #expect(page.contains("<pre><code class=\"language-output\">answer = 42\nparameters = 21\n</code></pre>"))
        #expect(page.contains("this is shown, never compiled"))
        #expect(try project.read("site/style.css").contains("language-output"))
    }

    @Test func compilerErrorPointsAtTheLessonLineAndColumn() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "02-bad.md", """
            ---
            title: Bad
            ---

            ```swift experiment
            let fine = 1
            let n: Int = "text"
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/02-bad.md:7:14: cannot convert value of type 'String' to specified type 'Int'"))
        #expect(result.standardError.contains("let n: Int = \"text\""), "the caret excerpt is shown")
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    @Test func trapNamesTheBlockAndLeavesThePreviousSiteIntact() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-fixture.md", Self.workingLesson)
        #expect(try project.build().status == 0)
        let before = try project.read("site/01-fixture.html")

        try project.write(lesson: "01-fixture.md", Self.workingLesson.replacingOccurrences(of: "The answer follows.", with: "Edited prose."))
        try project.write(lesson: "03-trap.md", """
            ---
            title: Trap
            ---

            ```swift experiment
            print("fine so far")
            ```

            ```swift experiment
            let numbers = [1, 2, 3]
            print("about to trap")
            print(numbers[7])
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/03-trap.md:9: the experiment block at line 9 stopped: Fatal error: Index out of range"))
        #expect(result.standardError.contains("about to trap"))
        #expect(!result.standardError.contains("fine so far"), "output of earlier blocks is not blamed")
        #expect(try project.read("site/01-fixture.html") == before)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/03-trap.html").path))
    }

    @Test func lessonWithoutFrontMatterIsAnErrorNamingTheFile() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "04-plain.md", "# No front matter\n")
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/04-plain.md:1: a lesson starts with front matter"))
    }

    @Test func engineShapeErrorNamesTheOperationAndBothShapes() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "05-shapes.md", """
            ---
            title: Shapes
            ---

            ```swift experiment
            var generator = RandomGenerator(seed: 1)
            let lstm = LSTM(inputSize: 3, hiddenSize: 2, generator: &generator)
            _ = lstm(Tensor(zeros: [1, 4, 5]))
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/05-shapes.md:5: the experiment block at line 5 stopped: Fatal error: lstm forward: input shape [1, 4, 5] is not [batch, time, 3]"),
            "\(result.standardError)")
    }
}
