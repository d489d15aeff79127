import Testing
@testable import Notebook

@Suite struct LessonParsingTests {
    static let text = """
        ---
        title: Gates
        summary: What gates do.
        order: 4
        seed: 12
        timeout: 30
        ---

        Some prose.

        ```swift experiment
        let a = 1
        print(a)
        ```

        ```swift
        shown only
        ```

        ~~~~markdown
        ```swift experiment
        not a block: it is inside another fence
        ```
        ~~~~

        ```swift experiment hide-code id=second
        print(2)
        ```
        """

    @Test func readsFrontMatter() throws {
        let lesson = try Lesson(text: Self.text, path: "lessons/04-gates.md")
        #expect(lesson.frontMatter == FrontMatter(title: "Gates", summary: "What gates do.", order: 4, seed: 12, timeout: 30))
        #expect(lesson.slug == "04-gates")
        #expect(lesson.bodyStartLine == 8)
    }

    @Test func findsExperimentBlocksWithTheirLines() throws {
        let lesson = try Lesson(text: Self.text, path: "lessons/04-gates.md")
        #expect(lesson.blocks.count == 2)
        #expect(lesson.blocks[0] == ExperimentBlock(
            index: 0, fenceLine: 11, closingFenceLine: 14, code: "let a = 1\nprint(a)", options: BlockOptions()))
        #expect(lesson.blocks[1].fenceLine == 26)
        #expect(lesson.blocks[1].firstCodeLine == 27)
        #expect(lesson.blocks[1].options == BlockOptions(hideCode: true, id: "second"))
    }

    @Test(arguments: [
        ("---\ntitle: A\ncolour: red\n---\n", 3, "unknown front-matter key `colour`"),
        ("---\nsummary: no title\n---\n", 1, "front matter has no `title`"),
        ("title: A\n", 1, "a lesson starts with front matter"),
        ("---\ntitle: A\n", 1, "front matter is never closed"),
        ("---\ntitle: A\norder: first\n---\n", 3, "`order` must be a whole number"),
        ("---\ntitle: [unclosed\n---\n", 3, "front matter is not valid YAML"),
        ("---\ntitle: A\n---\n\n```swift experiment\nlet x = 1\n", 5, "code block opened here is never closed"),
        ("---\ntitle: A\n---\n```swift experiment hide-cod\n```\n", 4, "unknown experiment option `hide-cod`"),
        ("---\ntitle: A\n---\n```swift experiment id=a\n```\n```swift experiment id=a\n```\n", 6, "block id `a` is used twice"),
    ])
    func reportsProblemsAtTheirLine(text: String, line: Int, message: String) {
        #expect {
            _ = try Lesson(text: text, path: "lessons/x.md")
        } throws: { error in
            guard let error = error as? LessonError else { return false }
            return error.line == line && error.message.hasPrefix(message) && error.path == "lessons/x.md"
        }
    }

    @Test func errorDescriptionNamesFileLineAndColumn() {
        let error = LessonError(path: "lessons/a.md", line: 12, column: 5, message: "cannot find 'x' in scope", details: "x\n^")
        #expect(error.description == "lessons/a.md:12:5: cannot find 'x' in scope\nx\n^")
    }
}
