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

    @Test func unclosedDisplayIsLeftAsText() {
        let extracted = MathExtractor("$$\nnever closed")
        #expect(extracted.spans.isEmpty)
        #expect(extracted.markdown == "$$\nnever closed")
    }
}
