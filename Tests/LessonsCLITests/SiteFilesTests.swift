import Foundation
import Testing

/// `site/` loses nothing the build did not make, and carries the lessons' static files.
@Suite struct SiteFilesTests {
    static let lesson = """
        ---
        title: Pictures
        ---

        A diagram: ![the cell](assets/cell.svg).

        ```swift experiment
        print(1)
        ```
        """

    @Test func authorsFilesSurviveAndAssetsAreCopied() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-pictures.md", Self.lesson)
        try project.write("lessons/assets/cell.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        #expect(try project.build().status == 0)
        #expect(try project.read("site/assets/cell.svg").hasPrefix("<svg"))
        try project.write("site/CNAME", "lessons.example.org\n")
        try project.write("site/.nojekyll", "")
        try project.write("site/img/logo.png", "not really a png")
        try project.write(lesson: "01-pictures.md", Self.lesson.replacingOccurrences(of: "print(1)", with: "print(2)"))
        let rebuilt = try project.build()
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(rebuilt.standardOutput.contains("kept 3 files the build did not make: site/.nojekyll, site/CNAME, site/img/logo.png"))
        #expect(try project.read("site/CNAME") == "lessons.example.org\n")
        #expect(try project.read("site/img/logo.png") == "not really a png")
        #expect(try project.read("site/01-pictures.html").contains("<img src=\"assets/cell.svg\" alt=\"the cell\" />"))
        // The author's files are not the build's to compare.
        let check = try project.command("check", ["--use-cache"])
        #expect(check.status == 0, "\(check.standardError)")
    }

    @Test func aPageOfADeletedLessonIsRemovedByName() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-pictures.md", Self.lesson.replacingOccurrences(of: "![the cell](assets/cell.svg)", with: "none"))
        try project.write(lesson: "02-gone.md", "---\ntitle: Gone\n---\n\nSoon gone.\n")
        #expect(try project.build().status == 0)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("lessons/02-gone.md"))
        let rebuilt = try project.build()
        #expect(rebuilt.standardOutput.contains("removed site/02-gone.html: the build made it before and makes it no more"))
        #expect(!project.exists("site/02-gone.html"))
    }

    @Test func aLinkToAMissingAssetFailsAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-pictures.md", Self.lesson)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/01-pictures.md:5: the link to `assets/cell.svg` goes nowhere: no lesson page or file in lessons/assets/ has that name"),
            "\(result.standardError)")
    }

    @Test func scriptLinksNeverReachThePage() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-links.md", """
            ---
            title: Links
            ---

            A [prose link](javascript:alert(1)), a <JavaScript:alert(2)> autolink and {{value}}.

            ```swift experiment
            record("value", "[a record](javascript:alert(3))")
            var table = Table(columns: ["cell"])
            table.add("[a cell](javascript:alert(4))")
            table.show()
            ```
            """)
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("lessons/01-links.md:5: a link to `javascript:alert(1)` would run code"))
        let page = try project.read("site/01-links.html")
        #expect(!page.lowercased().contains("href=\"javascript:"), "\(page)")
        #expect(page.contains("a cell"))
    }
}
