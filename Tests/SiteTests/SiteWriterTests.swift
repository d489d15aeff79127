import Foundation
import Testing
@testable import Site

@Suite struct SiteWriterTests {
    static let pages = [
        PageSource(slug: "02-b", title: "B & more", summary: nil, order: 2, markdown: "Second."),
        PageSource(slug: "01-a", title: "A", summary: "First <one>.", order: 1, markdown: "# Part\nFirst."),
    ]

    @Test func indexListsLessonsInOrderWithRelativeLinks() throws {
        let index = try #require(SiteWriter.render(Self.pages).files["index.html"])
        let first = try #require(index.range(of: "href=\"01-a.html\""))
        let second = try #require(index.range(of: "href=\"02-b.html\""))
        #expect(first.lowerBound < second.lowerBound)
        #expect(index.contains("First &lt;one&gt;."))
        #expect(index.contains("B &amp; more"))
        #expect(index.contains("href=\"style.css\""))
    }

    @Test func lessonPageHasTitleBodyNavigationAndReproducibility() throws {
        let pages = [
            PageSource(slug: "01-a", title: "A", summary: nil, order: 1, markdown: "## One\n\n## Two\n",
                       reproducibility: Reproducibility(seed: 8382, engine: "abcd1234", lessonPath: "lessons/01-a.md")),
            PageSource(slug: "02-b", title: "B", summary: nil, order: 2, markdown: "Text."),
            PageSource(slug: "03-c", title: "C", summary: nil, order: 3, markdown: "Text."),
        ]
        let files = SiteWriter.render(pages).files
        let first = try #require(files["01-a.html"])
        #expect(first.hasPrefix("<!DOCTYPE html>"))
        #expect(first.contains("<h1>A</h1>"))
        #expect(first.contains("<h2 id=\"one\">One</h2>"))
        #expect(first.contains("<li class=\"toc-level-2\"><a href=\"#two\">Two</a></li>"))
        #expect(first.contains("<a href=\"01-a.html\" aria-current=\"page\">1. A</a>"))
        #expect(first.contains("seed <code>8382</code>"))
        #expect(first.contains(".build/release/lessons run lessons/01-a.md"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<a class=\"next\" rel=\"next\" href=\"02-b.html\">2. B →</a>"))
        let middle = try #require(files["02-b.html"])
        #expect(middle.contains("<a class=\"previous\" rel=\"prev\" href=\"01-a.html\">← 1. A</a>"))
        #expect(middle.contains("href=\"03-c.html\">3. C →</a>"))
        #expect(!middle.contains("On this page"), "no table of contents for a page without sections")
        // Nothing is fetched from elsewhere: every reference is relative.
        for page in files.values {
            #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src=\"/"))
        }
    }

    @Test func warningsNameTheLessonLine() {
        let page = PageSource(slug: "01-a", title: "A", summary: nil, order: 1, markdown: "x\n$\\nope$\n",
                              sourcePath: "lessons/01-a.md", sourceLines: [12, 13])
        #expect(SiteWriter.render([page]).problems.map(\.description) == ["lessons/01-a.md:13: unsupported TeX command `\\nope` (shown as written)"])
    }

    @Test func numbersInInsertedOutputAreNotHandTyped() {
        let page = PageSource(slug: "01-a", title: "A", summary: nil, order: 1, markdown: "Typed 0.5.\n\n| x |\n|---|\n| 0.25 |\n",
                              sourcePath: "lessons/01-a.md", sourceLines: [7, 0, 0, 0, 0])
        #expect(SiteWriter.render([page]).problems.map(\.description) == [
            "lessons/01-a.md:7: `0.5` reads as a result typed by hand: splice it from the run with `{{name}}`, or mark it as intended with `{{=0.5}}`",
        ])
    }

    @Test func writeReplacesTheWholeDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "stale".write(to: site.appendingPathComponent("old.html"), atomically: true, encoding: .utf8)
        let written = try SiteWriter.write(Self.pages, to: site)
        #expect(written == ["01-a.html", "02-b.html", "index.html", "style.css"])
        let listing = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
        #expect(listing == written)
        // Nothing is left beside the site: no staging or retired directories.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }
}
