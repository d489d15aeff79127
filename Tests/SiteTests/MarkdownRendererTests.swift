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

    @Test func anExerciseShowsItsStarterTheChecksInWordsAndTheSolutionFolded() {
        let html = MarkdownRenderer.html(from: """
            ```swift exercise anchor=exercise-1 number=1
            let y = 0
            ```

            ```exercise-checks
            `y` is 2 & <more>
            ```

            ```exercise-solution
            ```

            ```swift solution
            let y = 2
            ```

            ```exercise-checks passed
            `y` is 2 & <more>
            ```

            ```exercise-solution-end
            ```
            """)
        #expect(html.hasPrefix("""
            <p class="exercise-label" id="exercise-1"><a href="#exercise-1">Exercise 1</a></p>
            <pre class="code exercise"><code class="language-swift">
            """))
        #expect(html.contains("""
            <div class="exercise-checks">
            <p>Your answer is right when:</p>
            <ul>
            <li><code>y</code> is 2 &amp; &lt;more&gt;</li>
            </ul>
            </div>
            <details class="solution">
            <summary>Solution</summary>
            <pre class="code solution">
            """))
        #expect(html.hasSuffix("""
            <ul class="checks-passed">
            <li><span class="check-mark">✓</span> <code>y</code> is 2 &amp; &lt;more&gt;</li>
            </ul>
            </details>

            """))
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
        #expect(rendered.problems.isEmpty)
    }

    @Test func unsupportedTeXIsAWarningWithItsLine() {
        let rendered = MarkdownRenderer.render("Line one.\n\nThen $\\weird{x}$.\n")
        #expect(rendered.problems == [LineProblem(line: 2, kind: .unsupportedTeX, message: "unsupported TeX command `\\weird` (shown as written)")])
        #expect(!rendered.problems[0].isError)
        #expect(rendered.html.contains("<mtext>\\weird</mtext>"))
    }

    /// Lesson 3 once broke `$\lVert … \rVert$` across two source lines and the page showed
    /// the TeX as written.
    @Test func inlineMathMaySpanLinesOfItsParagraph() {
        let rendered = MarkdownRenderer.render("So $\\lVert W\n\\rVert \\le 1$ holds, and $x$.\n\nNext $y$.\n")
        #expect(rendered.problems.isEmpty, "\(rendered.problems)")
        #expect(!rendered.html.contains("<p>So $"))
        #expect(rendered.html.contains("<mo>‖</mo><mi>W</mi><mo>‖</mo><mo>≤</mo>"))
        #expect(rendered.html.components(separatedBy: "<math>").count == 4)
    }

    @Test func rawTeXOutsideFormulasIsAnErrorAtItsLine() {
        let rendered = MarkdownRenderer.render("Fine $x$.\n\nThe norm \\lVert W \\rVert here.\n\nCosts $5.\n\nOpen $x never closed\n")
        let errors = rendered.problems.filter(\.isError)
        #expect(errors.map(\.line) == [2, 2, 4, 6], "\(errors)")
        #expect(errors.contains { $0.message.contains("`\\lVert` outside a formula") })
        #expect(errors.contains { $0.message.contains("`$` that opens no formula") || $0.message.contains("never closed") })
        // Escaped dollars and code are not TeX.
        #expect(MarkdownRenderer.render("A \\$5 fee, `\\lVert` and `$x`.\n").problems.isEmpty)
    }

    @Test func handTypedResultsAreWarningsAtTheirLine() {
        let rendered = MarkdownRenderer.render(
            "Accuracy 93.1% and 2.5× faster.\n\n| a | b |\n|---|---|\n| 0.25 | 3 |\n\n## Step 1.5\n\n`0.5` and $0.5$ are fine, so are 1,000 runs, 2026, 6.3.1 and h0.5.\n")
        let numbers = rendered.problems.filter { $0.kind == .handTypedNumber }
        #expect(numbers.map(\.line) == [0, 0, 4, 6], "\(numbers)")
        #expect(numbers.allSatisfy { !$0.isError && $0.message.contains("{{=") })
    }

    @Test func valuesBecomeLinksToTheirBlock() {
        let values = [
            InlineValue(text: "97.3%", anchor: "block-L12", title: "acc = 0.9731, recorded at lessons/a.md:14, seed 3"),
            InlineValue(text: "0.001", anchor: nil, title: nil),
        ]
        let markdown = "## At \(InlineValue.placeholder(0))\n\nReached \(InlineValue.placeholder(0)) at rate \(InlineValue.placeholder(1)).\n"
            + "![alt \(InlineValue.placeholder(0))](x.png)\n\n```swift experiment anchor=block-L12\nlet a = 1\n```\n"
        let rendered = MarkdownRenderer.render(markdown, values: values)
        #expect(rendered.html.contains(
            "Reached <a class=\"value\" href=\"#block-L12\" title=\"acc = 0.9731, recorded at lessons/a.md:14, seed 3\">97.3%</a> at rate 0.001."))
        #expect(rendered.html.contains("alt=\"alt 97.3%\""), "inside an attribute only the text goes in")
        #expect(rendered.headings.map(\.text) == ["At 97.3%"])
        #expect(rendered.html.contains("<pre class=\"code experiment\" id=\"block-L12\">"))
        #expect(rendered.problems.isEmpty, "values are not hand-typed: \(rendered.problems)")
        // Inside a formula a value is plain TeX: MathML has no place for a link.
        let math = MarkdownRenderer.render("Growth like $n^{\(InlineValue.placeholder(0))}$.\n",
                                           values: [InlineValue(text: "3.80", anchor: "block-L9", title: "t")])
        #expect(math.html.contains("<mn>3.80</mn>"), "\(math.html)")
        #expect(!math.html.contains("<a class=\"value\""))
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
