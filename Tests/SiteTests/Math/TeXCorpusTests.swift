import Foundation
import Testing
@testable import Site

/// The TeX of the source material the lessons are written from, as its authors wrote it: every
/// distinct formula of the seed documents (`Fixtures/seed-formulas.md`, written by
/// `Scripts/make_seed_formula_fixture.py`), their `\gdef` block first. An author who copies a
/// formula from them gets MathML, not a warning.
@Suite struct TeXCorpusTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seed-formulas.md")

    @Test func everySeedFormulaRendersWithoutAWarning() throws {
        let markdown = try String(contentsOf: Self.fixture, encoding: .utf8)
        let formulas = MathExtractor(markdown).spans
        let definitions = formulas.filter { $0.tex.contains("\\gdef") }
        #expect(formulas.count == 285)
        #expect(definitions.count == 53)
        let rendered = MarkdownRenderer.render(markdown)
        #expect(rendered.problems.isEmpty, "\(rendered.problems.map { "\($0.line + 1): \($0.message)" }.joined(separator: "\n"))")
        // The definitions show nothing; every other formula is one <math>, with no TeX left in it.
        #expect(rendered.html.components(separatedBy: "<math").count - 1 == formulas.count - definitions.count)
        #expect(!rendered.html.contains("<mtext>\\"))
        #expect(!rendered.html.contains("<p></p>"))
    }
}

extension TeXCorpusTests {
    /// The seeds define their notation in a `\gdef` block but use most of it only in figures:
    /// each macro is also used here, with arguments, so that what it expands to is held to
    /// the same standard (colours, `\boldsymbol`, `\texttt`, `\left\lbrace`…).
    @Test func everySeedMacroRendersWhenUsed() throws {
        let markdown = try String(contentsOf: Self.fixture, encoding: .utf8)
        var macros = TeXMacros()
        for span in MathExtractor(markdown).spans where span.tex.contains("\\gdef") {
            #expect(macros.expand(span.tex).onlyDefinitions)
        }
        #expect(macros.names.count == 53)
        for name in macros.names {
            let parameters = macros.macros[name]?.parameters ?? 0
            let use = "\\\(name)" + String(repeating: "{x}", count: parameters) + "_t"
            var scratch = macros
            let expanded = scratch.expand(use)
            let converted = TeXToMathML.convert(expanded.tex, display: false)
            #expect(expanded.warnings.isEmpty && converted.warnings.isEmpty, "\(use): \(expanded.warnings + converted.warnings)")
            #expect(!converted.mathML.contains("<mtext>\\"), "\(use) → \(expanded.tex)")
        }
    }
}
