import Foundation
import Testing
@testable import Site

@Suite struct CrossReferenceTests {
    static let bibliography = Bibliography((try? BibTeX.parse("""
        @article{greff2017, author = {Greff, Klaus and Srivastava, R. and Koutn{\\'i}k, J.}, title = {A Search Space Odyssey}, year = 2017}
        @article{cho2014, author = {Cho, K. and others}, title = {Learning Phrase Representations}, year = 2014}
        """)) ?? [])

    static func page(_ slug: String, order: Int, _ markdown: String) -> PageSource {
        PageSource(slug: slug, title: slug, summary: nil, order: order, markdown: markdown,
                   sourcePath: "lessons/\(slug).md", sourceLines: Array(10..<(10 + markdown.split(separator: "\n", omittingEmptySubsequences: false).count)))
    }

    @Test func labelsAreNumberedAndReachableFromEveryPage() throws {
        let first = Self.page("04-a", order: 4, """
            ## Cell {#sec-cell}

            $$ c = f c + i g $$ {#eq-cell}

            ```output
            plot
            ```

            : The loss {#fig-loss}
            """)
        let second = Self.page("05-b", order: 5, "See @eq-cell, @fig-loss and @sec-cell; not `@eq-cell` in code, nor a@b.org.\n")
        let rendered = SiteWriter.render([first, second])
        #expect(rendered.problems.isEmpty, "\(rendered.problems)")
        let a = try #require(rendered.files["04-a.html"]), b = try #require(rendered.files["05-b.html"])
        #expect(a.contains(#"<h2 id="sec-cell"><span class="section-number">4.1</span> Cell</h2>"#))
        #expect(a.contains(#"<div class="equation" id="eq-cell"><math display="block">"#))
        #expect(a.contains(#"<span class="equation-number">(4.1)</span></div>"#))
        #expect(a.contains(#"<p class="caption"><span class="caption-label">Figure 4.1:</span> The loss</p>"#))
        #expect(b.contains(#"See <a class="xref" href="04-a.html#eq-cell">Equation 4.1</a>, <a class="xref" href="04-a.html#fig-loss">Figure 4.1</a> and <a class="xref" href="04-a.html#sec-cell">Section 4.1</a>;"#))
        #expect(b.contains("not <code>@eq-cell</code> in code, nor <a href=\"mailto:a@b.org\">a@b.org</a>."))
    }

    @Test func theCaptionLabelsTheOutputAboveIt() throws {
        let page = Self.page("01-a", order: 1, "```swift\nlet x = 1\n```\n\n```output\nloss\n```\n\n: Loss {#fig-loss}\n")
        let html = try #require(SiteWriter.render([page], bibliography: .empty).files["01-a.html"])
        #expect(html.contains(#"<pre id="fig-loss" class="output"><code>loss"#))
    }

    @Test func citationsInTheirThreeFormsAndTheReferenceList() throws {
        let page = Self.page("01-a", order: 1, "@greff2017 found it [@greff2017, sec. 3; see @cho2014]; the same year [-@greff2017].\n")
        let rendered = SiteWriter.render([page], bibliography: Self.bibliography)
        #expect(rendered.problems.isEmpty, "\(rendered.problems)")
        let html = try #require(rendered.files["01-a.html"])
        #expect(html.contains(##"<a class="citation" href="#ref-greff2017" title="A Search Space Odyssey">Greff et al. (2017)</a> found it"##))
        #expect(html.contains(##"(<a class="citation" href="#ref-greff2017" title="A Search Space Odyssey">Greff et al., 2017</a>, sec. 3; see <a class="citation" href="#ref-cho2014" title="Learning Phrase Representations">Cho et al., 2014</a>)"##))
        #expect(html.contains(##"the same year (<a class="citation" href="#ref-greff2017" title="A Search Space Odyssey">2017</a>)."##))
        // The list: sorted by family name, each entry once.
        let list = try #require(html.range(of: "<h2 id=\"references\">References</h2>"))
        let cho = try #require(html.range(of: "<li id=\"ref-cho2014\">")), greff = try #require(html.range(of: "<li id=\"ref-greff2017\">"))
        #expect(list.lowerBound < cho.lowerBound && cho.lowerBound < greff.lowerBound)
        #expect(html.contains("K. Greff, R. Srivastava and J. Koutník (2017). A Search Space Odyssey."))
        let book = try #require(rendered.files["references.html"])
        #expect(book.contains(#"Cited in lesson <a href="01-a.html#ref-greff2017">1</a>."#))
    }

    @Test func unknownDuplicateAndMisplacedLabelsFailAtTheirLines() {
        let page = Self.page("01-a", order: 1, """
            ## One {#sec-x}

            ## Two {#sec-x}

            See @fig-none and @nobody2020, and [here](#nowhere).

            A label {#eq-stray} in prose.
            """)
        let problems = SiteWriter.render([page], bibliography: Self.bibliography).problems
        #expect(problems.allSatisfy { $0.isError })
        #expect(problems.map(\.description) == [
            "lessons/01-a.md:12: the label `{#sec-x}` is already defined (at lessons/01-a.md:10); labels must be unique in the book",
            "lessons/01-a.md:14: `@fig-none` refers to no label: no lesson has `{#fig-none}` on a caption",
            "lessons/01-a.md:14: `@nobody2020` is not a key of lessons/references.bib",
            "lessons/01-a.md:14: the link to `#nowhere` goes nowhere: this page has no anchor `nowhere`",
            "lessons/01-a.md:16: the label `{#eq-stray}` is not where a label can stand; put it right after the `$$` that closes a displayed equation",
        ])
    }

    @Test func externalLinksAreListedWithTheirLines() {
        let page = Self.page("01-a", order: 1, "Intro.\n\nSee [the paper](https://example.org/p) and <http://example.com>.\n")
        let links = SiteWriter.render([page]).externalLinks
        #expect(links.map { "\($0.path):\($0.line ?? 0) \($0.url)" } == ["lessons/01-a.md:12 https://example.org/p", "lessons/01-a.md:12 http://example.com"])
    }
}
