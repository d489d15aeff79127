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
            <th style="text-align: right">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td style="text-align: right">2</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func strikethroughAndAutolinks() {
        #expect(MarkdownRenderer.html(from: "~~no~~ see https://example.org") ==
            "<p><del>no</del> see <a href=\"https://example.org\">https://example.org</a></p>\n")
    }

    @Test func swiftBlocksAreHighlightedAndEscaped() {
        let html = MarkdownRenderer.html(from: "```swift experiment\nlet a = b < c && d\n```\n")
        #expect(html == "<pre class=\"code experiment\"><code class=\"language-swift\"><span class=\"hl-keyword\">let</span> a = b &lt; c &amp;&amp; d\n</code></pre>\n")
    }

    @Test func outputBlocksAreEscapedVerbatim() {
        let html = MarkdownRenderer.html(from: "```output\n<script>alert(1)</script>\n  *x*  \n```\n")
        #expect(html == "<pre class=\"output\"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n  *x*  \n</code></pre>\n")
    }

    @Test func hiddenCodeFoldsIntoDetails() {
        let html = MarkdownRenderer.html(from: "```swift experiment hide-code\nx\n```\n")
        #expect(html.hasPrefix("<details class=\"hidden-code\"><summary>Show the code</summary>\n<pre class=\"code experiment\">"))
    }

    @Test func otherLanguagesKeepCmarksRendering() {
        #expect(MarkdownRenderer.html(from: "```python\nx < 1\n```\n") == "<pre><code class=\"language-python\">x &lt; 1\n</code></pre>\n")
    }

    @Test func rawHTMLIsShownAsTextUnlessAllowed() {
        let escaped = MarkdownRenderer.render("<script>alert(1)</script>\n\nInline <b>bold</b>.\n").html
        #expect(escaped == "<p class=\"raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>Inline &lt;b&gt;bold&lt;/b&gt;.</p>\n")
        let allowed = MarkdownRenderer.render("Inline <b>bold</b>.\n", allowRawHTML: true).html
        #expect(allowed == "<p>Inline <b>bold</b>.</p>\n")
    }

    @Test func headingsGetUniqueAnchors() {
        let rendered = MarkdownRenderer.render("## The `LSTM` cell\n\n## The LSTM cell\n\n### Gates & state\n")
        #expect(rendered.headings.map(\.id) == ["the-lstm-cell", "the-lstm-cell-1", "gates-state"])
        #expect(rendered.html.contains("<h2 id=\"the-lstm-cell\">The <code>LSTM</code> cell</h2>"))
        #expect(rendered.html.contains("<h3 id=\"gates-state\">Gates &amp; state</h3>"))
    }

    @Test func footnotesAndTaskLists() {
        let html = MarkdownRenderer.html(from: "- [x] done\n- [ ] open\n\nClaim.[^1]\n\n[^1]: Source.\n")
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func mathIsKeptFromMarkdownAndRenderedAsMathML() {
        let rendered = MarkdownRenderer.render("Here $a_1 * b_2$ and *em*:\n\n$$\nx_t = \\frac{1}{2}\n$$\n\nCode `$x_1$` stays.\n")
        #expect(rendered.html.contains("<p>Here <math><semantics><mrow><msub><mi>a</mi><mrow><mn>1</mn></mrow></msub><mo>∗</mo>"))
        #expect(rendered.html.contains("<em>em</em>"))
        #expect(rendered.html.contains("</p>\n<math display=\"block\">"))
        #expect(rendered.html.contains("<code>$x_1$</code>"))
        #expect(rendered.warnings.isEmpty)
    }

    @Test func unsupportedTeXIsAWarningWithItsLine() {
        let rendered = MarkdownRenderer.render("Line one.\n\nThen $\\weird{x}$.\n")
        #expect(rendered.warnings == [LineWarning(line: 2, message: "unsupported TeX command `\\weird` (shown as written)")])
        #expect(rendered.html.contains("<mtext>\\weird</mtext>"))
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
