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
        #expect(first.contains("<h2 id=\"one\"><span class=\"section-number\">1.1</span> One</h2>"), "sections are numbered by lesson")
        #expect(first.contains("<li class=\"toc-level-2\"><a href=\"#two\"><span class=\"section-number\">1.2</span> Two</a></li>"))
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

    @Test func writeReplacesTheBuildsFilesAndKeepsTheOthers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        // Files an author put there: no manifest yet, so the build cannot know them from its own.
        try "example.org".write(to: site.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        let first = try SiteWriter.write(Self.pages, to: site)
        #expect(first.written == [".lessons-manifest", "01-a.html", "02-b.html", "index.html", "search-index.js", "search.html", "search.js", "style.css"])
        #expect(first.kept.isEmpty, "without a manifest every old file counts as the build's")
        #expect(try String(contentsOf: site.appendingPathComponent(".lessons-manifest"), encoding: .utf8)
            == ".lessons-manifest\n01-a.html\n02-b.html\nindex.html\nsearch-index.js\nsearch.html\nsearch.js\nstyle.css\n")

        // Now the manifest tells them apart: the author's files stay, the old page goes.
        try "example.org".write(to: site.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data([0x89, 0x50]).write(to: site.appendingPathComponent("img/logo.png"))
        try "".write(to: site.appendingPathComponent(".nojekyll"), atomically: true, encoding: .utf8)
        let asset = root.appendingPathComponent("figure.png")
        try Data([1, 2, 3]).write(to: asset)
        let second = try SiteWriter.write([Self.pages[1]].reduce(into: [String: String]()) { files, page in
            files = SiteWriter.render([page]).files
        }, assets: ["assets/figure.png": asset], to: site)
        #expect(second.removed == ["02-b.html"])
        #expect(second.kept == [".nojekyll", "CNAME", "img/logo.png"])
        #expect(try Data(contentsOf: site.appendingPathComponent("img/logo.png")) == Data([0x89, 0x50]))
        #expect(try Data(contentsOf: site.appendingPathComponent("assets/figure.png")) == Data([1, 2, 3]))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("02-b.html").path))
        // Nothing is left beside the site: no staging or retired directories.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["figure.png", "site"])
    }

    @Test func brokenAndUnsafeLinksAreFound() {
        let page = PageSource(slug: "01-a", title: "A", summary: nil, order: 1, markdown: """
            See [the next lesson](02-b.html#part), [a figure](assets/plot.png), [gone](assets/none.png),
            [a source](02-b.md), ![old](lessons/assets/plot.png) and [run](javascript:alert(1)).
            [Web](https://example.org) is not checked; [here](#top) is, and this page has no `top`.
            """, sourcePath: "lessons/01-a.md", sourceLines: [4, 5, 6])
        let rendered = SiteWriter.render([page, Self.pages[0]], assets: ["assets/plot.png"])
        let problems = rendered.problems.map(\.description)
        #expect(problems.contains("lessons/01-a.md:4: the link to `assets/none.png` goes nowhere: no lesson page or file in lessons/assets/ has that name"))
        #expect(problems.contains("lessons/01-a.md:5: the link to `02-b.md` goes nowhere: link to the page, `02-b.html`"))
        #expect(problems.contains { $0.contains("`lessons/assets/plot.png` goes nowhere: the site carries lessons/assets/ as `assets/`") })
        #expect(problems.contains { $0.hasPrefix("lessons/01-a.md:5: a link to `javascript:alert(1)` would run code") })
        #expect(problems.contains("lessons/01-a.md:4: the link to `02-b.html#part` goes nowhere: 02-b.html has no anchor `part`"))
        #expect(problems.contains("lessons/01-a.md:6: the link to `#top` goes nowhere: this page has no anchor `top`"))
        #expect(problems.count == 6, "\(problems)")
        let html = rendered.files["01-a.html"] ?? ""
        #expect(!html.contains("javascript:"), "the unsafe link is dropped")
        #expect(html.contains(" and run."))
    }
}
