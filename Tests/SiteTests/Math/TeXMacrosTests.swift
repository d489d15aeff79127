import Testing
@testable import Site

/// Macro definitions and their expansion before conversion.
@Suite struct TeXMacrosTests {
    /// `formulas` expanded in order with one set of macros; the last one's TeX and the warnings of all.
    static func expand(_ formulas: String...) -> (tex: String, warnings: [String]) {
        var macros = TeXMacros()
        var last = TeXMacros.Expansion(tex: "", onlyDefinitions: false, overflowed: false, warnings: [])
        var warnings: [String] = []
        for formula in formulas {
            last = macros.expand(formula)
            warnings += last.warnings
        }
        return (last.tex, warnings)
    }

    @Test func gdefWithArgumentsInTheSeedsSpacing() {
        #expect(Self.expand("\\gdef \\vect #1 {\\boldsymbol{#1}}", "\\vect{x} + \\vect y").tex == "\\boldsymbol{x} + \\boldsymbol{y}")
        #expect(Self.expand("\\gdef \\pd #1 #2 {\\frac{\\partial #1}{\\partial #2}}", "\\pd{L}{h_t}").tex
            == "\\frac{\\partial L}{\\partial h_t}")
        #expect(Self.expand("\\gdef\\R{\\mathbb{R}}", "x\\in\\R^n").tex == "x\\in\\mathbb{R}^n")
    }

    @Test func defNewcommandAndRenewcommand() {
        #expect(Self.expand("\\def\\half#1{\\frac{#1}{2}} \\half{x}").tex == " \\frac{x}{2}")
        #expect(Self.expand("\\newcommand{\\pd}[2]{\\partial_{#2} #1}", "\\pd{f}{x}").tex == "\\partial_{x} f")
        #expect(Self.expand("\\newcommand\\norm[1]{\\lVert #1\\rVert}\\norm{w}").tex == "\\lVert w\\rVert")
        #expect(Self.expand("\\newcommand{\\x}{a}", "\\renewcommand{\\x}{b}", "\\x").tex == "b")
        // An optional first argument, given in brackets or not at all.
        #expect(Self.expand("\\newcommand{\\w}[2][0]{W_{#1}^{#2}}", "\\w{x} \\w[h]{y}").tex == "W_{0}^{x} W_{h}^{y}")
    }

    @Test func macrosUseMacros() {
        let tex = Self.expand("\\gdef \\vect #1 {\\boldsymbol{#1}}", "\\gdef \\pink #1 {\\textcolor{fccde5}{#1}}",
                              "\\gdef \\vx {\\pink{\\vect{x }}}", "\\vx_t").tex
        #expect(tex == "\\textcolor{fccde5}{\\boldsymbol{x }}_t")
    }

    @Test func aMacroNameIsAWholeCommandWord() {
        #expect(Self.expand("\\gdef\\v{V}", "\\v \\vec{a} \\v2").tex == "V \\vec{a} V2")
        // A control word that the expansion puts before a letter keeps its space.
        #expect(Self.expand("\\gdef\\a{\\alpha}", "\\a x").tex == "\\alpha x")
        #expect(Self.expand("\\gdef\\a#1{\\alpha#1}", "\\a{x}").tex == "\\alpha x")
    }

    @Test func aMacroThatUsesItselfStopsWithAWarning() {
        var macros = TeXMacros()
        _ = macros.expand("\\gdef\\loop{\\loop x}")
        let result = macros.expand("a + \\loop")
        #expect(result.overflowed)
        #expect(result.tex == "a + \\loop")
        #expect(result.warnings == ["expanding `\\loop` does not end (more than 2000 steps): does a macro use itself? (shown as written)"])
        // One that doubles itself is stopped too, before it fills the memory.
        #expect(macros.expand("\\gdef\\b{\\b\\b}\\b").overflowed)
    }

    @Test func mistakesAreWarnings() {
        #expect(Self.expand("\\gdef\\f#1{#1}", "\\f").warnings == ["`\\f` takes 1 argument(s), but the formula gives 0"])
        #expect(Self.expand("\\newcommand{\\x}{a}", "\\newcommand{\\x}{b}", "\\x")
            == ("a", ["`\\newcommand` of `\\x`, which is already defined: use `\\renewcommand` to replace it"]))
        #expect(Self.expand("\\gdef\\f#1{#2}").warnings == ["`#2` in the body of `\\f`, which takes 1 argument(s)"])
        #expect(Self.expand("\\gdef{x}").warnings == ["`\\gdef` must be followed by the `\\name` it defines"])
        #expect(Self.expand("\\gdef\\a").warnings == ["`\\gdef\\a` has no `{body}`"])
        #expect(Self.expand("\\newcommand{\\a} b").warnings == ["`\\newcommand\\a` has no `{body}`"])
    }

    @Test func aDefinitionAppliesToTheRestOfThePageAndShowsNothing() {
        let markdown = "Before $\\R$.\n\n$$\\gdef \\R {\\mathbb{R}}$$\n\n$$\\gdef\\a{a}$$ $$\\gdef\\b{b}$$\n\nAfter $x \\in \\R$.\n"
        let rendered = MarkdownRenderer.render(markdown)
        #expect(rendered.problems.map(\.message) == ["unsupported TeX command `\\R` (shown as written)"])
        #expect(rendered.problems.first?.line == 0)
        #expect(rendered.html.components(separatedBy: "<math").count == 3, "no box for the definitions")
        #expect(!rendered.html.contains("<p></p>") && !rendered.html.contains("<p> </p>"))
        #expect(rendered.html.contains("<mi>ℝ</mi>"))
        // What a reader copies is what the author wrote.
        #expect(rendered.html.contains("<annotation encoding=\"application/x-tex\">x \\in \\R</annotation>"))
    }

    @Test func aBlockOfDefinitionsMayHaveComments() {
        var macros = TeXMacros()
        #expect(macros.expand("\n% Vectors\n\\gdef\\vx{\\boldsymbol{x}} % the input\n\\gdef\\vy{y}\n").onlyDefinitions)
        #expect(macros.names == ["vx", "vy"])
        // A percent sign on the formula's last line is not a comment: there is nothing after it.
        #expect(macros.expand("5\\% + 3%").tex == "5\\% + 3%")
    }

    @Test func aRunawayMacroIsShownAsWrittenOnThePage() {
        let rendered = MarkdownRenderer.render("$\\gdef\\loop{x\\loop}$ and $\\loop$.\n")
        #expect(rendered.html.contains("<math><mtext>\\loop</mtext></math>"))
        #expect(rendered.problems.count == 1)
    }

    @Test func bookMacrosApplyToEveryPage() throws {
        let book = try TeXMacros.parseFile("% Vectors\n\\gdef \\vect #1 {\\boldsymbol{#1}}\n\n\\newcommand{\\E}{\\mathbb{E}} % expectation\n")
        #expect(book.names == ["E", "vect"])
        let rendered = MarkdownRenderer.render("$\\E[\\vect{x}]$\n", macros: book)
        #expect(rendered.problems.isEmpty)
        #expect(rendered.html.contains("<mi>𝔼</mi><mo form=\"prefix\" stretchy=\"false\">[</mo><mi>𝒙</mi><mo form=\"postfix\" stretchy=\"false\">]</mo>"))
    }

    @Test func aMistakeInTheBookMacrosNamesItsLine() {
        func problem(_ text: String) -> TeXMacros.Problem? {
            do { _ = try TeXMacros.parseFile(text); return nil } catch { return error as? TeXMacros.Problem }
        }
        #expect(problem("\\gdef\\a{a}\n% fine\n\\newcommand{\\b}[1]{\\frac{#1}\n{2}\n") == .init(line: 3, message: "the body of `\\b` opened here is never closed"))
        #expect(problem("\\gdef\\a{a}\n\n x = 1\n") == .init(line: 3, message: "holds only macro definitions (\\gdef, \\def, \\newcommand, \\renewcommand); `x` starts none"))
        #expect(problem("\\gdef\\a{a}\n\\newcommand{\\f}[1]{#1 + #2}\n")?.line == 2)
        #expect(problem("\\newcommand{\\f}[x]{1}")?.message == "`\\newcommand{\\f}[x]`: the number of arguments is 0 to 9")
    }
}
