import Foundation
import Testing
@testable import Site

@Suite struct SiteWriterTests {
    static let pages = [
        PageSource(slug: "02-b", title: "B & more", summary: nil, order: 2, markdown: "Second."),
        PageSource(slug: "01-a", title: "A", summary: "First <one>.", order: 1, markdown: "# Part\nFirst."),
    ]

    @Test func indexListsLessonsInOrderWithRelativeLinks() throws {
        let index = try #require(SiteWriter.render(Self.pages)["index.html"])
        let first = try #require(index.range(of: "href=\"01-a.html\""))
        let second = try #require(index.range(of: "href=\"02-b.html\""))
        #expect(first.lowerBound < second.lowerBound)
        #expect(index.contains("First &lt;one&gt;."))
        #expect(index.contains("B &amp; more"))
        #expect(index.contains("href=\"style.css\""))
    }

    @Test func lessonPageHasTitleAndBody() throws {
        let page = try #require(SiteWriter.render(Self.pages)["01-a.html"])
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h1>A</h1>"))
        #expect(page.contains("<h1>Part</h1>\n<p>First.</p>"))
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
