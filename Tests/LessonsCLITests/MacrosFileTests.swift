import Foundation
import Testing

/// `lessons/macros.tex`: the book's TeX macros, read by every lesson; a mistake in it fails the
/// build at its line.
@Suite struct MacrosFileTests {
    static let lesson = """
        ---
        title: Probe
        order: 2
        ---

        The state $\\vect{h}_t \\in \\R^n$ and $\\pd{L}{h}$.
        """

    @Test func everyLessonUsesTheBookMacros() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/macros.tex", "% The book's notation\n\\gdef \\vect #1 {\\boldsymbol{#1}}\n\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}\n")
        try project.write(lesson: "02-probe.md", Self.lesson)
        let result = try project.build(["--strict"])
        #expect(result.status == 0, "\(result.standardError)")
        let page = try project.read("site/02-probe.html")
        #expect(page.contains("<mi>𝒉</mi>") && page.contains("<mi>ℝ</mi>") && page.contains("<mfrac>"))
    }

    @Test func aMistakeInTheBookMacrosFailsAtItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/macros.tex", "\\gdef\\R{\\mathbb{R}}\n\n\\newcommand{\\pd}[2]{\\frac{\\partial #1}\n{\\partial #2}\n")
        try project.write(lesson: "02-probe.md", Self.lesson)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/macros.tex:3: the body of `\\pd` opened here is never closed"), "\(result.standardError)")
        #expect(!project.exists("site/02-probe.html"), "a failed build writes no site")
    }
}
