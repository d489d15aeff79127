import Foundation
import Testing

/// Cross-references, citations and links, end to end: a mistake fails the build at its lesson
/// line and leaves the site as it was.
@Suite struct ReferencesTests {
    static let bibliography = """
        @article{greff2017,
          author = {Greff, Klaus and Srivastava, Rupesh K. and Koutn{\\'i}k, Jan and others},
          title = {{LSTM}: A Search Space Odyssey}, journal = {IEEE TNNLS}, year = 2017}
        """

    static func lesson(_ prose: String) -> String {
        """
        ---
        title: Probe
        order: 2
        ---

        ## Cells {#sec-cells}

        $$ h = \\tanh(W x) $$ {#eq-rnn}

        \(prose)
        """
    }

    @Test func referencesAndCitationsRenderAsNumberedLinks() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/references.bib", Self.bibliography)
        try project.write(lesson: "02-probe.md", Self.lesson("@eq-rnn follows @greff2017 [@greff2017]; see @sec-cells."))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let page = try project.read("site/02-probe.html")
        #expect(page.contains(##"<a class="xref" href="#eq-rnn">Equation 2.1</a> follows"##))
        #expect(page.contains(">Greff et al. (2017)</a> (<a class=\"citation\""))
        #expect(page.contains(##"see <a class="xref" href="#sec-cells">Section 2.1</a>."##))
        #expect(page.contains("<li id=\"ref-greff2017\">K. Greff, R. K. Srivastava, J. Koutník and others (2017). LSTM: A Search Space Odyssey."))
        #expect(try project.read("site/references.html").contains("Cited in lesson"))
    }

    @Test func anUnknownKeyFailsAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/references.bib", Self.bibliography)
        try project.write(lesson: "02-probe.md", Self.lesson("As [@greff2071] found."))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/02-probe.md:10: `@greff2071` is not a key of lessons/references.bib (did you mean `greff2017`?)"),
                "\(result.standardError)")
        #expect(!project.exists("site/02-probe.html"), "a failed build writes no site")
    }

    @Test func anUnknownLabelFailsAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "02-probe.md", Self.lesson("Text.\n\nAs @eq-lstm shows."))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/02-probe.md:12: `@eq-lstm` refers to no label: no lesson has `{#eq-lstm}` after a displayed equation"),
                "\(result.standardError)")
    }

    @Test func aBrokenAnchorFailsAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-first.md", "---\ntitle: First\norder: 1\n---\n\n## Start\n\nSee [the cells](02-probe.html#sec-cell).\n")
        try project.write(lesson: "02-probe.md", Self.lesson("Back to [the start](01-first.html#start)."))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-first.md:8: the link to `02-probe.html#sec-cell` goes nowhere: 02-probe.html has no anchor `sec-cell` (it has `sec-cells`)"),
                "\(result.standardError)")
        #expect(!result.standardError.contains("01-first.html#start"), "the good link is not reported")
    }

    @Test func aBibliographySyntaxErrorNamesTheFileAndLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/references.bib", "@article{a, title = {x}}\n@article{b,\n  title = {never closed\n")
        try project.write(lesson: "02-probe.md", Self.lesson("Text."))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/references.bib:3: a value opened here is never closed"), "\(result.standardError)")
    }

    @Test func checkLinksListsExternalLinksWithoutRunning() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "02-probe.md", Self.lesson("Read [the paper](https://example.org/odyssey.pdf).\n\n```swift experiment\nwhile true {}\n```"))
        let result = try project.command("check", ["--links"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("lessons/02-probe.md:10: https://example.org/odyssey.pdf"), "\(result.standardOutput)")
    }

    /// A partial build keeps the other pages, so its search index and bibliography page must
    /// be what a full build writes, not those of the rebuilt lesson alone.
    @Test func aPartialBuildWritesTheSameSearchIndexAndBibliography() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/references.bib", Self.bibliography)
        try project.write(lesson: "01-first.md", "---\ntitle: First\norder: 1\n---\n\n## Gates\n\nAs @greff2017 found, peepholes rarely matter.\n")
        try project.write(lesson: "02-probe.md", Self.lesson("Nothing cited here."))
        #expect(try project.build().status == 0)
        let index = try project.read("site/search-index.js"), references = try project.read("site/references.html")
        #expect(index.contains("peepholes rarely matter") && references.contains("Cited in lesson"))
        let partial = try project.build(["lessons/02-probe.md"])
        #expect(partial.status == 0, "\(partial.standardError)")
        #expect(try project.read("site/search-index.js") == index)
        #expect(try project.read("site/references.html") == references)
    }
}
