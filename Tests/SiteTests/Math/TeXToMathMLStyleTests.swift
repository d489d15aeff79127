import Testing
@testable import Site

/// What source material uses to mark up notation: colours, spaces, typewriter text, accents,
/// alphabets and the `equation` environment.
@Suite struct TeXToMathMLStyleTests {
    static func body(_ tex: String) -> String { TeXToMathMLTests.body(tex) }

    @Test func textcolorTakesHexWithOrWithoutHashAndNames() {
        #expect(Self.body("\\textcolor{8dd3c7}{x}") == "<mrow mathcolor=\"#8dd3c7\"><mi>x</mi></mrow>")
        #expect(Self.body("\\textcolor{#FB8072}{x+1}") == "<mrow mathcolor=\"#fb8072\"><mi>x</mi><mo>+</mo><mn>1</mn></mrow>")
        #expect(Self.body("\\textcolor{#abc}{x}") == "<mrow mathcolor=\"#abc\"><mi>x</mi></mrow>")
        #expect(Self.body("\\textcolor{Red}{x}") == "<mrow mathcolor=\"red\"><mi>x</mi></mrow>")
    }

    @Test func aColourThatIsNoneIsReportedAndDrawnUncoloured() {
        let result = TeXToMathML.convert("\\textcolor{red!50}{x}", display: false)
        #expect(TeXToMathML.innerRow(of: result.mathML) == "<mrow><mi>x</mi></mrow>")
        #expect(result.warnings == ["`\\textcolor{red!50}`: a colour is a name (`red`) or hex (`8dd3c7`, `#8dd3c7`); drawn uncoloured"])
    }

    @Test func colorSwitchColoursTheRestOfItsGroup() {
        #expect(Self.body("{\\color{blue} a b} c") == "<mrow><mrow mathcolor=\"blue\"><mi>a</mi><mi>b</mi></mrow></mrow><mi>c</mi>")
        #expect(Self.body("a \\color{#80b1d3} b") == "<mi>a</mi><mrow mathcolor=\"#80b1d3\"><mi>b</mi></mrow>")
        // In a table cell it stops at the cell's end.
        #expect(Self.body("\\begin{matrix} \\color{red} a & b \\end{matrix}")
            == "<mtable><mtr><mtd style=\"text-align: center\"><mrow mathcolor=\"red\"><mi>a</mi></mrow></mtd><mtd style=\"text-align: center\"><mi>b</mi></mtd></mtr></mtable>")
    }

    @Test func hspaceInTeXUnits() {
        #expect(Self.body("a\\hspace{1em}b") == "<mi>a</mi><mspace width=\"1em\"></mspace><mi>b</mi>")
        #expect(Self.body("\\hspace{30px}") == "<mspace width=\"30px\"></mspace>")
        #expect(Self.body("\\hspace*{ -2.5 pt }") == "<mspace width=\"-2.5pt\"></mspace>")
        #expect(Self.body("\\hspace{9mu}") == "<mspace width=\"0.5em\"></mspace>")
        #expect(Self.body("\\hspace{2ex}") == "<mspace width=\"2ex\"></mspace>")
        #expect(TeXToMathML.convert("\\hspace{wide}", display: false).warnings.count == 1)
    }

    @Test func typewriterTextCheckAndControlSpace() {
        #expect(Self.body("\\texttt{ReLU}(x)") == "<mtext style=\"font-family: monospace\">ReLU</mtext><mo form=\"prefix\" stretchy=\"false\">(</mo><mi>x</mi><mo form=\"postfix\" stretchy=\"false\">)</mo>")
        #expect(Self.body("\\check{y}") == "<mover accent=\"true\"><mrow><mi>y</mi></mrow><mo stretchy=\"true\">ˇ</mo></mover>")
        #expect(Self.body("a,\\\nb") == "<mi>a</mi><mo>,</mo><mspace width=\"0.25em\"></mspace><mi>b</mi>")
    }

    @Test func alphabets() {
        #expect(Self.body("\\mathrm{d}x") == "<mi mathvariant=\"normal\">d</mi><mi>x</mi>")
        #expect(Self.body("\\mathrm{softargmax}") == "<mi>softargmax</mi>")
        #expect(Self.body("\\boldsymbol{x}\\boldsymbol{\\theta}\\boldsymbol{W}") == "<mi>𝒙</mi><mi>𝜽</mi><mi>𝑾</mi>")
        #expect(Self.body("\\mathbb{E}\\Bbb{R}") == "<mi>𝔼</mi><mi>ℝ</mi>")
        #expect(Self.body("\\left\\lbrace x \\right\\rbrace \\lbrace")
            == "<mrow><mo fence=\"true\" stretchy=\"true\">{</mo><mi>x</mi><mo fence=\"true\" stretchy=\"true\">}</mo></mrow><mo>{</mo>")
    }

    @Test func equationEnvironmentIsItsContent() {
        #expect(Self.body("\\begin{equation} x = 1 \\end{equation}") == "<mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow>")
        #expect(Self.body("\\begin{equation*} x \\end{equation*}") == "<mrow><mi>x</mi></mrow>")
        #expect(Self.body("\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}")
            == "<mrow><mtable><mtr><mtd style=\"text-align: right\"><mi>a</mi></mtd><mtd style=\"text-align: left\"><mo>=</mo><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd style=\"text-align: right\"></mtd><mtd style=\"text-align: left\"><mo>=</mo><mi>c</mi></mtd></mtr></mtable></mrow>")
        #expect(TeXToMathML.convert("\\begin{equation} x \\end{align}", display: true).warnings == ["`\\begin{equation}` ended by `\\end{align}`"])
    }
}
