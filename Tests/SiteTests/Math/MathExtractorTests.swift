import Testing
@testable import Site

@Suite struct MathExtractorTests {
    @Test func inlineAndDisplayDelimiters() {
        let extracted = MathExtractor("a $x_1$ b \\(y\\) c \\[z\\] d $$w$$")
        #expect(extracted.spans.map(\.tex) == ["x_1", "y", "z", "w"])
        #expect(extracted.spans.map(\.display) == [false, false, true, true])
        #expect(extracted.markdown == "a \(MathExtractor.placeholder(0)) b \(MathExtractor.placeholder(1)) c \(MathExtractor.placeholder(2)) d \(MathExtractor.placeholder(3))")
    }

    @Test func displayMathAcrossLines() {
        let extracted = MathExtractor("before\n$$\na &= b \\\\\nc &= d\n$$\nafter")
        #expect(extracted.spans == [MathExtractor.Span(tex: "\na &= b \\\\\nc &= d\n", display: true, line: 1)])
        #expect(extracted.markdown == "before\n\(MathExtractor.placeholder(0))\nafter")
    }

    @Test func dollarsThatAreNotMath() {
        #expect(MathExtractor("costs $5 and $10").spans.isEmpty)
        #expect(MathExtractor("a \\$ sign and $ spaced $").spans.isEmpty)
        #expect(MathExtractor("code `$x$` here").spans.isEmpty)
        #expect(MathExtractor("```\n$x$\n```").spans.isEmpty)
        #expect(MathExtractor("~~~~\n$$\n~~~~").markdown == "~~~~\n$$\n~~~~")
    }

    @Test func unclosedDisplayIsLeftAsTextAndReported() {
        let extracted = MathExtractor("$$\nnever closed")
        #expect(extracted.spans.isEmpty)
        #expect(extracted.markdown == "$$\nnever closed")
        #expect(extracted.problems.map(\.line) == [0])
    }

    @Test func inlineFormulaAcrossLinesKeepsTheLineMap() {
        let extracted = MathExtractor("a\nb $x +\ny$ c $z\n+ w$ d\ne")
        #expect(extracted.spans.map(\.tex) == ["x +\ny", "z\n+ w"])
        #expect(extracted.spans.map(\.line) == [1, 2])
        #expect(extracted.markdown == "a\nb \(MathExtractor.placeholder(0)) c \(MathExtractor.placeholder(1)) d\ne")
        #expect(extracted.lineMap == [0, 1, 4])
        #expect(extracted.problems.isEmpty)
    }

    @Test func strayDollarsAreProblems() {
        #expect(MathExtractor("costs $5 and $10").problems.map(\.line) == [0])
        #expect(MathExtractor("a $ b").problems.map(\.line) == [0])
        #expect(MathExtractor("open $x\n\nnext").problems.count == 1)
        #expect(MathExtractor("open $x\n\nnext").markdown == "open $x\n\nnext")
        #expect(MathExtractor("a \\$ sign, `$x` and $y$").problems.isEmpty)
    }
}
