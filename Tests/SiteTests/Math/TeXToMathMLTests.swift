import Testing
@testable import Site

/// Each TeX construct the lessons use, converted to MathML.
@Suite struct TeXToMathMLTests {
    /// The MathML inside `<semantics><mrow>…</mrow>`, for compact expectations.
    static func body(_ tex: String, display: Bool = false) -> String {
        let result = TeXToMathML.convert(tex, display: display)
        #expect(result.warnings.isEmpty, "\(tex): \(result.warnings)")
        return TeXToMathML.innerRow(of: result.mathML)
    }

    @Test func wrapperKeepsTheSourceAsAnnotation() {
        #expect(TeXToMathML.convert("x<y", display: true).mathML
            == "<math display=\"block\"><semantics><mrow><mi>x</mi><mo>&lt;</mo><mi>y</mi></mrow><annotation encoding=\"application/x-tex\">x&lt;y</annotation></semantics></math>")
    }

    @Test func identifiersNumbersAndOperators() {
        #expect(Self.body("2.5x - 3") == "<mn>2.5</mn><mi>x</mi><mo>−</mo><mn>3</mn>")
    }

    @Test func subscriptsAndSuperscripts() {
        #expect(Self.body("h_t") == "<msub><mi>h</mi><mrow><mi>t</mi></mrow></msub>")
        #expect(Self.body("h_{t-1}") == "<msub><mi>h</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>")
        #expect(Self.body("x^2_i") == "<msubsup><mi>x</mi><mrow><mi>i</mi></mrow><mrow><mn>2</mn></mrow></msubsup>")
        #expect(Self.body("f'") == "<msup><mi>f</mi><mrow><mo>′</mo></mrow></msup>")
    }

    @Test func fractions() {
        #expect(Self.body("\\frac{a}{b+1}") == "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi><mo>+</mo><mn>1</mn></mrow></mfrac>")
        #expect(Self.body("\\frac12") == "<mfrac><mrow><mn>1</mn></mrow><mrow><mn>2</mn></mrow></mfrac>")
    }

    @Test func greekLettersAndNamedOperators() {
        #expect(Self.body("\\sigma \\odot \\Gamma") == "<mi>σ</mi><mo>⊙</mo><mi>Γ</mi>")
        #expect(Self.body("\\partial") == "<mi>∂</mi>")
        #expect(Self.body("\\tanh(x)") == "<mi>tanh</mi><mo form=\"prefix\" stretchy=\"false\">(</mo><mi>x</mi><mo form=\"postfix\" stretchy=\"false\">)</mo>")
    }

    @Test func sumsProductsAndLimitsTakeLimits() {
        #expect(Self.body("\\sum_{i=1}^n") == "<munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow></munderover>")
        #expect(Self.body("\\prod_k").hasPrefix("<munder><mo largeop=\"true\" movablelimits=\"true\">∏</mo>"))
        #expect(Self.body("\\lim_{k \\to \\infty}") == "<munder><mo movablelimits=\"true\" form=\"prefix\">lim</mo><mrow><mi>k</mi><mo>→</mo><mi>∞</mi></mrow></munder>")
    }

    @Test func roots() {
        #expect(Self.body("\\sqrt{x}") == "<msqrt><mi>x</mi></msqrt>")
        #expect(Self.body("\\sqrt[3]{x}") == "<mroot><mrow><mi>x</mi></mrow><mrow><mn>3</mn></mrow></mroot>")
    }

    @Test func leftAndRightStretch() {
        #expect(Self.body("\\left( x \\right]") == "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi><mo fence=\"true\" stretchy=\"true\">]</mo></mrow>")
        #expect(Self.body("\\left\\{ x \\right.") == "<mrow><mo fence=\"true\" stretchy=\"true\">{</mo><mi>x</mi></mrow>")
    }

    @Test func accents() {
        #expect(Self.body("\\tilde{c}") == "<mover accent=\"true\"><mrow><mi>c</mi></mrow><mo stretchy=\"true\">~</mo></mover>")
        #expect(Self.body("\\hat y") == "<mover accent=\"true\"><mrow><mi>y</mi></mrow><mo stretchy=\"true\">^</mo></mover>")
        // Direction arrows over a symbol, as for the two states of a bidirectional network.
        #expect(Self.body("\\overleftarrow{h}") == "<mover accent=\"true\"><mrow><mi>h</mi></mrow><mo stretchy=\"true\">←</mo></mover>")
        #expect(Self.body("\\overrightarrow{h}") == "<mover accent=\"true\"><mrow><mi>h</mi></mrow><mo stretchy=\"true\">→</mo></mover>")
    }

    @Test func alphabets() {
        #expect(Self.body("\\mathbb{R}") == "<mi>ℝ</mi>")
        #expect(Self.body("\\mathbb{E}") == "<mi>𝔼</mi>")
        #expect(Self.body("\\mathbf{W}") == "<mi>𝐖</mi>")
        #expect(Self.body("\\mathcal{L}") == "<mi>ℒ</mi>")
    }

    @Test func textAndOperatorNames() {
        #expect(Self.body("\\text{if } x") == "<mtext>if </mtext><mi>x</mi>")
        #expect(Self.body("\\operatorname{softmax}") == "<mi>softmax</mi><mo>\u{2061}</mo>")
    }

    @Test func matrices() {
        let bracketed = Self.body("\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}")
        #expect(bracketed == "<mrow><mo fence=\"true\" stretchy=\"true\">[</mo><mtable>"
            + "<mtr><mtd style=\"text-align: center\"><mi>a</mi></mtd><mtd style=\"text-align: center\"><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd style=\"text-align: center\"><mi>c</mi></mtd><mtd style=\"text-align: center\"><mi>d</mi></mtd></mtr>"
            + "</mtable><mo fence=\"true\" stretchy=\"true\">]</mo></mrow>")
        #expect(Self.body("\\begin{matrix} 1 \\end{matrix}") == "<mtable><mtr><mtd style=\"text-align: center\"><mn>1</mn></mtd></mtr></mtable>")
        #expect(Self.body("\\begin{pmatrix} 1 \\end{pmatrix}").hasPrefix("<mrow><mo fence=\"true\" stretchy=\"true\">(</mo>"))
    }

    @Test func alignedEquationsAlternateRightAndLeft() {
        let aligned = Self.body("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", display: true)
        #expect(aligned == "<mtable>"
            + "<mtr><mtd style=\"text-align: right\"><mi>a</mi></mtd><mtd style=\"text-align: left\"><mo>=</mo><mi>b</mi></mtd></mtr>"
            + "<mtr><mtd style=\"text-align: right\"><mi>c</mi></mtd><mtd style=\"text-align: left\"><mo>=</mo><mi>d</mi></mtd></mtr>"
            + "</mtable>")
        #expect(Self.body("\\begin{align*} x &= 1 \\end{align*}").contains("text-align: right"))
    }

    @Test func casesHaveAnOpenBrace() {
        let cases = Self.body("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}")
        #expect(cases.hasPrefix("<mrow><mo fence=\"true\" stretchy=\"true\">{</mo><mtable>"))
        #expect(cases.contains("<mtd style=\"text-align: left\"><mtext>else</mtext></mtd>"))
    }

    @Test func normsAndArrows() {
        #expect(Self.body("\\lVert x \\rVert \\Longrightarrow y") == "<mo>‖</mo><mi>x</mi><mo>‖</mo><mo>⟹</mo><mi>y</mi>")
        #expect(Self.body("\\left\\lVert x \\right\\rVert").contains("<mo fence=\"true\" stretchy=\"true\">‖</mo>"))
    }

    @Test func spacing() {
        #expect(Self.body("a\\,b\\quad c") == "<mi>a</mi><mspace width=\"0.1667em\"></mspace><mi>b</mi><mspace width=\"1em\"></mspace><mi>c</mi>")
    }

    @Test func unsupportedCommandIsShownAsSourceAndReported() {
        let result = TeXToMathML.convert("\\frobnicate{x} + 1", display: false)
        #expect(result.warnings == ["unsupported TeX command `\\frobnicate` (shown as written)"])
        #expect(result.mathML.contains("<mtext>\\frobnicate</mtext>"))
        #expect(result.mathML.contains("<mo>+</mo><mn>1</mn>"))
    }

    @Test func unbalancedInputNeverBreaksThePage() {
        for tex in ["\\frac{a", "x}", "\\left( x", "\\begin{bmatrix} a", "^", "\\"] {
            let result = TeXToMathML.convert(tex, display: false)
            #expect(result.mathML.hasPrefix("<math>") && result.mathML.hasSuffix("</math>"), "\(tex)")
        }
    }
}
