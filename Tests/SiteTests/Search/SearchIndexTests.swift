import Foundation
import Testing
@testable import Site

@Suite struct SearchIndexTests {
    @Test func oneEntryPerSectionWithTheOpeningFirst() {
        let html = """
            <p>Opening words.</p>
            <h2 id="the-forget-gate">The <em>forget</em> gate</h2>
            <p>It decides &amp; keeps.</p>
            <h3 id="bias">Bias</h3><p>Set to one.</p>
            """
        let entries = SearchIndex.entries(page: "04-l.html", lessonTitle: "LSTM", html: html)
        #expect(entries.map(\.section) == ["", "The forget gate", "Bias"])
        #expect(entries.map(\.anchor) == ["", "the-forget-gate", "bias"])
        #expect(entries.map(\.text) == ["Opening words.", "It decides & keeps.", "Set to one."])
    }

    @Test func printedOutputIsLeftOutAndFormulasKeepTheirTeX() {
        let html = """
            <p>Before</p><pre class="output">loss 0.25 0.24</pre>\
            <p>a <math><mi>f</mi><annotation encoding="application/x-tex">f_t = \\sigma(x)</annotation></math> b</p>
            """
        let text = SearchIndex.entries(page: "p.html", lessonTitle: "P", html: html).map(\.text)
        #expect(text == ["Before a f_t = \\sigma(x) b"])
    }

    @Test func anExercisesSolutionIsLeftOut() {
        let html = """
            <p>Predict the rate.</p><details class="solution"><summary>Solution</summary>\
            <pre class="code solution"><code>let rate = 0.93</code></pre></details><p>After.</p>
            """
        let text = SearchIndex.entries(page: "p.html", lessonTitle: "P", html: html).map(\.text)
        #expect(text == ["Predict the rate. After."])
    }

    @Test func theScriptIsSafeJavaScript() {
        let entry = SearchIndex.Entry(page: "p.html", lessonTitle: "Quote \" and \\", section: "</script>", anchor: "a",
                                      text: "line\nbreak \u{2028}")
        let script = SearchIndex.script([entry])
        #expect(script.contains(#"["p.html","Quote \" and \\","<\/script>","a","line\nbreak \u2028"]"#))
        #expect(!script.contains("</script"))
    }

    @Test func everyPageHasTheSearchBoxAndTheSiteHasTheSearchFiles() throws {
        let pages = [
            PageSource(slug: "01-a", title: "A", summary: nil, order: 1, markdown: "## Peephole\n\nConnections from the cell.\n"),
        ]
        let files = SiteWriter.render(pages).files
        for name in ["index.html", "01-a.html", "search.html"] {
            let page = try #require(files[name])
            #expect(page.contains("<form class=\"search\" action=\"search.html\" method=\"get\" role=\"search\">"), "\(name)")
        }
        let index = try #require(files["search-index.js"])
        #expect(index.contains(#"["01-a.html","A","1.1 Peephole","peephole","Connections from the cell."]"#))
        let search = try #require(files["search.html"])
        #expect(search.contains("<script src=\"search-index.js\"></script>"))
        #expect(files["search.js"] != nil)
    }
}

@Suite struct StaticFilesTests {
    /// The math font ships with every site, so formulas look the same on every machine.
    @Test func theMathFontAndItsLicenceAreResourcesAndTheStylesheetUsesThem() throws {
        let files = StaticFiles.files
        let font = try #require(files["fonts/latinmodern-math.otf"])
        #expect(try Data(contentsOf: font).prefix(4) == Data("OTTO".utf8), "an OpenType (CFF) font")
        #expect(files["fonts/GUST-FONT-LICENSE.txt"] != nil)
        #expect(Stylesheet.css.contains(#"url("fonts/latinmodern-math.otf") format("opentype")"#))
    }
}
