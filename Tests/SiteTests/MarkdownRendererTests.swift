import Testing
@testable import Site

@Suite struct MarkdownRendererTests {
    @Test func rendersGFMTables() {
        let html = MarkdownRenderer.html(from: "| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th align="right">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td align="right">2</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func strikethroughAndAutolinks() {
        #expect(MarkdownRenderer.html(from: "~~no~~ see https://example.org") ==
            "<p><del>no</del> see <a href=\"https://example.org\">https://example.org</a></p>\n")
    }

    @Test func codeBlocksKeepTheirLanguageAndAreEscaped() {
        let html = MarkdownRenderer.html(from: "```swift experiment\nlet a = b < c && d\n```\n")
        #expect(html == "<pre><code class=\"language-swift\">let a = b &lt; c &amp;&amp; d\n</code></pre>\n")
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let html = MarkdownRenderer.html(from: "<script>alert(1)</script>\n")
        #expect(!html.contains("<script>"))
    }

    @Test func emptyInputGivesEmptyOutput() {
        #expect(MarkdownRenderer.html(from: "") == "")
    }

    /// cmark-gfm edits a global table during each parse; concurrent renders must not see
    /// each other's edits (they once dropped strikethrough at random).
    @Test func concurrentRendersKeepTheirExtensions() async {
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { MarkdownRenderer.html(from: "~~x~~ and ~~y~~") } }
            for await html in group { #expect(html == "<p><del>x</del> and <del>y</del></p>\n") }
        }
    }
}
