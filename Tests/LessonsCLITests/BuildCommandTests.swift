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
        #expect(page.contains("<span class=\"hl-keyword\">let</span> answer = <span class=\"hl-number\">6</span> * <span class=\"hl-number\">7</span>"))
        #expect(page.contains("<pre class=\"output\"><code>answer = 42\nparameters = 21\n</code></pre>"))
        #expect(page.contains("this <span class=\"hl-keyword\">is</span> shown, never compiled"))
        #expect(try project.read("site/style.css").contains("pre.output"))
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
            "lessons/05-shapes.md:5: the experiment block at line 5 stopped: Fatal error: LSTM forward: input shape [1, 4, 5] is not [batch, time, 3]"),
            "\(result.standardError)")
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)"), encoding: .utf8)
    }

    @Test func outputKitFixtureShowsChartsTablesAndValues() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "06-output-kit.md", try Self.fixture("06-output-kit.md"))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let page = try project.read("site/06-output-kit.html")
        #expect(withoutValueLinks(page).contains("The RNN reached 0.169 and the LSTM 0.2% of the way; the run took\n50 steps with the LSTM ahead."))
        #expect(page.contains("<pre class=\"output\"><code>before the table\n</code></pre>\n<table>"))
        #expect(page.contains("<td>RNN</td>\n<td style=\"text-align: right\">0.16949</td>"))
        #expect(page.contains("</table>\n<pre class=\"output\"><code>after the table\n"))
        #expect(page.contains("* RNN   o LSTM"))
        #expect(page.contains("scale: 0 | .:-=+*#%@| 1"))
        #expect(page.contains("RNN |##"))
        #expect(!page.contains("counting 3/3"), "progress never reaches the page")
    }

    @Test func falseClaimStopsTheBuildAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let text = try Self.fixture("06-output-kit.md")
            .replacingOccurrences(of: "near: 0.17, tolerance: 0.01", with: "near: 0.5, tolerance: 0.01")
            .replacingOccurrences(of: "lstm.last! < rnn.last!", with: "lstm.last! > rnn.last!")
        try project.write(lesson: "06-output-kit.md", text)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/06-output-kit.md:25: claim failed: the LSTM ends lower than the RNN"))
        #expect(result.standardError.contains(
            "lessons/06-output-kit.md:26: claim failed: the RNN ends near 0.17 (0.169492 is not within 0.01 of 0.5)"))
    }

    @Test func unknownValueInProseNamesItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let text = try Self.fixture("06-output-kit.md").replacingOccurrences(of: "{{steps}}", with: "{{stepz}}")
        try project.write(lesson: "06-output-kit.md", text)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/06-output-kit.md:8: `{{stepz}}`: no block records a value named `stepz`"))
    }

    @Test func printedAndWrittenHTMLIsShownLiterally() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "07-escape.md", """
            ---
            title: Escaping
            ---

            A lesson that writes <em>raw HTML</em> and <script>alert(2)</script> in its prose.

            ```swift experiment
            print("<script>alert(1)</script>")
            ```

            Inline math $\\unknowncommand{x}$ is shown as written.
            """)
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let page = try project.read("site/07-escape.html")
        #expect(page.contains("<pre class=\"output\"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"))
        #expect(page.contains("A lesson that writes &lt;em&gt;raw HTML&lt;/em&gt; and &lt;script&gt;alert(2)&lt;/script&gt; in its prose."))
        #expect(!page.contains("<script>"))
        #expect(result.standardError.contains("warning: lessons/07-escape.md:11: unsupported TeX command `\\unknowncommand` (shown as written)"))
    }

    @Test func rawHTMLPassesWhenTheLessonAllowsIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "08-raw.md", "---\ntitle: Raw\nraw-html: true\n---\n\nA <kbd>key</kbd>.\n")
        #expect(try project.build().status == 0)
        #expect(try project.read("site/08-raw.html").contains("<p>A <kbd>key</kbd>.</p>"))
    }
}
