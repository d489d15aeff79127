import Foundation
import Testing
@testable import Site

@Suite struct BibTeXTests {
    @Test func bracesQuotesStringsAndConcatenation() throws {
        let entries = try BibTeX.parse("""
            Text outside entries is ignored, as BibTeX does.
            @string{nc = "Neural Computation"}
            @comment{ anything {nested} here }
            @article{hochreiter1997,
              author  = {Sepp Hochreiter and J{\\"u}rgen Schmidhuber},
              title   = "Long Short-Term {Memory}",
              journal = nc # { (MIT Press)},
              volume  = 9, month = nov,
              pages   = {1735--1780},
            }
            @misc(course, title = {A {\\em brace} \\& {an} escape}, author = {{Deep Learning Course Team}})
            """)
        #expect(entries.map(\.key) == ["hochreiter1997", "course"])
        let paper = entries[0]
        #expect(paper.type == "article" && paper.line == 4)
        #expect(paper.fields["title"] == "Long Short-Term Memory")
        #expect(paper.fields["journal"] == "Neural Computation (MIT Press)")
        #expect(paper.fields["volume"] == "9" && paper.fields["month"] == "November")
        #expect(paper.fields["pages"] == "1735–1780")
        #expect(paper.people.map(\.family) == ["Hochreiter", "Schmidhuber"])
        #expect(paper.people.map(\.given) == ["Sepp", "Jürgen"])
        #expect(entries[1].fields["title"] == "A brace & an escape")
        #expect(entries[1].people.map(\.family) == ["Deep Learning Course Team"], "a braced name is one name")
    }

    @Test func accentsAndLetters() {
        #expect(TeXText.plain(#"Koutn{\'i}k, G{\"o}del, \c{C}a\u{g}lar, Erd\H{o}s, \ss{}, \o, Fran\c cois"#)
            == "Koutník, Gödel, Çağlar, Erdős, ß, ø, François")
        #expect(TeXText.plain(#"\'{\i}, \v{S}, {\`a} --- x~y"#) == "í, Š, à — x\u{00A0}y")
    }

    @Test func nameFormsAndOthers() {
        #expect(PersonName("van der Maaten, Laurens").family == "van der Maaten")
        #expect(PersonName("Ludwig van Beethoven").family == "van Beethoven")
        #expect(PersonName("Bengio, Jr., Yoshua").given == "Yoshua")
        #expect(PersonName("others").isOthers)
        #expect(PersonName("Jean-Paul Sartre").shortForm == "J.-P. Sartre")
        let bibliography = Bibliography([
            BibEntry(key: "a", type: "article", fields: ["year": "2000"], people: [PersonName("Felix Gers"), PersonName("others")], line: 1),
            BibEntry(key: "b", type: "article", fields: ["year": "2000"], people: [PersonName("Gers, F. A."), PersonName("J. Schmidhuber"), PersonName("F. Cummins")], line: 2),
            BibEntry(key: "c", type: "article", fields: ["year": "1994"], people: [PersonName("Y. Bengio"), PersonName("P. Simard")], line: 3),
        ])
        #expect(bibliography.authors("a") == "Gers et al." && bibliography.authors("b") == "Gers et al.")
        #expect(bibliography.year("a") == "2000a" && bibliography.year("b") == "2000b", "alike citations get letters in file order")
        #expect(bibliography.authors("c") == "Bengio and Simard" && bibliography.year("c") == "1994")
    }

    @Test func errorsNameTheirLine() {
        func error(_ text: String) -> BibTeXError? {
            do { _ = try BibTeX.parse(text); return nil } catch { return error as? BibTeXError }
        }
        #expect(error("@article{a, title = {x}}\n\n@book{a, title = {y}}") == BibTeXError(line: 3, message: "the key `a` is used twice (first at line 1)"))
        #expect(error("@article{a,\n title = {never closed}\n") == BibTeXError(line: 1, message: "the entry `a` is never closed"))
        #expect(error("@article{a,\n title = {x\n") == BibTeXError(line: 2, message: "a value opened here is never closed"))
        #expect(error("@article{a,\n journal = ieee}") == BibTeXError(line: 2, message: "`ieee` is not a defined `@string`"))
        #expect(error("@article{a, title = {x}, title = {y}}")?.message == "the field `title` appears twice in `a`")
    }
}
