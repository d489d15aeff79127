import Testing
@testable import Site

@Suite struct SwiftHighlighterTests {
    @Test func keywordsTypesNumbersStringsAndComments() {
        #expect(SwiftHighlighter.html("let x: Float = 1.5e-3 // note") ==
            "<span class=\"hl-keyword\">let</span> x: <span class=\"hl-type\">Float</span> = <span class=\"hl-number\">1.5e-3</span> <span class=\"hl-comment\">// note</span>")
        #expect(SwiftHighlighter.html("print(\"a \\(b + 1) <c>\")") ==
            "print(<span class=\"hl-string\">&quot;a \\(</span>b + <span class=\"hl-number\">1</span><span class=\"hl-string\">) &lt;c&gt;&quot;</span>)")
    }

    @Test func nestedCommentsAttributesAndDirectives() {
        #expect(SwiftHighlighter.html("/* a /* b */ c */x") == "<span class=\"hl-comment\">/* a /* b */ c */</span>x")
        #expect(SwiftHighlighter.html("@inline(__always) #sourceLocation()") ==
            "<span class=\"hl-attribute\">@inline</span>(__always) <span class=\"hl-keyword\">#sourceLocation</span>()")
    }

    @Test func multilineStrings() {
        #expect(SwiftHighlighter.html("\"\"\"\nline \"quoted\"\n\"\"\"") == "<span class=\"hl-string\">&quot;&quot;&quot;\nline &quot;quoted&quot;\n&quot;&quot;&quot;</span>")
    }
}
