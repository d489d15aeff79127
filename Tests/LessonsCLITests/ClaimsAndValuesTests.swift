import Foundation
import Testing

/// What makes a page trustworthy, end to end: hand-typed results flagged, comparisons checked
/// by their test, every value traced to its `record` line, and moved values reported.
@Suite struct ClaimsAndValuesTests {
    static func lesson(accuracy: String = "0.9731", prose: String = "It reached {{acc:.1%}}, a gain of 2.5× over {{=0.001}}.") -> String {
        """
        ---
        title: Values
        order: 1
        seed: 7
        ---

        \(prose)

        ```swift experiment
        let accuracy = \(accuracy)
        record("acc", accuracy)
        record("runs", 5)
        ```
        """
    }

    @Test func handTypedResultWarnsAtItsLineAndFailsWhenStrict() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-values.md", Self.lesson())
        let relaxed = try project.build()
        #expect(relaxed.status == 0, "\(relaxed.standardError)")
        #expect(relaxed.standardError.contains("warning: lessons/01-values.md:7: `2.5×` reads as a result typed by hand"))
        #expect(!relaxed.standardError.contains("0.001"), "a literal marked with {{=…}} is intended")
        let site = try project.read("site/01-values.html")
        let strict = try project.build(["--strict"])
        #expect(strict.status != 0)
        #expect(strict.standardError.contains("error: lessons/01-values.md:7: `2.5×` reads as a result typed by hand"))
        #expect(strict.standardOutput.contains("FAILED"))
        #expect(try project.read("site/01-values.html") == site, "a strict failure leaves the site as it was")
        try project.write(lesson: "01-values.md", Self.lesson(prose: "It reached {{acc:.1%}} over {{=0.001}} and {{runs}} runs."))
        #expect(try project.build(["--strict"]).status == 0)
    }

    @Test func everyValueLinksToTheBlockAndLineThatRecordedIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-values.md", Self.lesson())
        #expect(try project.build().status == 0)
        let page = try project.read("site/01-values.html")
        #expect(page.contains(
            "<a class=\"value\" href=\"#block-L9\" title=\"acc = 0.9731, recorded at lessons/01-values.md:11, seed 7\">97.3%</a>"))
        #expect(page.contains("<pre class=\"code experiment\" id=\"block-L9\">"))
        #expect(page.contains("over 0.001."), "a literal is shown as written")
    }

    /// A prose edit re-renders from the cache, but the lines a value names must be where its
    /// `record` call is now: the page built from the cache is the page a cold run writes.
    @Test func aProseEditAboveABlockMovesTheRecordLinesItNames() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-values.md", Self.lesson())
        #expect(try project.build().status == 0)
        try project.write(lesson: "01-values.md", Self.lesson(
            prose: "A longer opening.\n\nIt reached {{acc:.1%}}, a gain of 2.5× over {{=0.001}}."))
        let cached = try project.build()
        #expect(cached.status == 0 && cached.standardOutput.contains("cache"), "\(cached.standardOutput)")
        let fromCache = try project.read("site/01-values.html")
        #expect(fromCache.contains("recorded at lessons/01-values.md:13, seed 7"))
        #expect(try project.build(["--force"]).status == 0)
        #expect(try project.read("site/01-values.html") == fromCache)
    }

    @Test func changingAConstantReportsEachMovedValue() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-values.md", Self.lesson())
        #expect(try project.build().status == 0)
        try project.write(lesson: "01-values.md", Self.lesson(accuracy: "0.9612"))
        // `check` re-runs without writing anything and names both the value and the page text.
        let check = try project.command("check")
        #expect(check.status != 0)
        #expect(check.standardOutput.contains("lessons/01-values.md:11: acc 0.9731 -> 0.9612 (-1.22%)"), "\(check.standardOutput)")
        #expect(check.standardError.contains("01-values.html: {{acc}} 97.3% -> 96.1% (recorded at lessons/01-values.md:11, seed 7)"),
                "\(check.standardError)")
        let build = try project.build()
        #expect(build.standardOutput.contains("1 recorded value moved since the previous run (1 lesson):"))
        #expect(build.standardOutput.contains("lessons/01-values.md:11: acc 0.9731 -> 0.9612 (-1.22%)"))
        #expect(!build.standardOutput.contains("runs"), "values that did not move are not listed")
        let again = try project.build(["--force"])
        #expect(!again.standardOutput.contains("moved"), "a re-run with the same code moves nothing")
    }

    @Test func comparisonClaimFailsAtItsLineWhenTheDataDoNotSupportIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-compare.md", """
            ---
            title: Compare
            ---

            The difference is {{cmp}} ({{cmp.p:p}}).

            ```swift experiment
            let a = [0.61, 0.66, 0.58, 0.70]
            let b = [0.60, 0.52, 0.65, 0.59]
            let test = Comparison(a, b, better: .higher)
            record("cmp", test, format: .fixed(decimals: 3))
            expect(test, .noDetectableDifference, "four seeds cannot tell them apart")
            expect(test, .better, "A beats B")
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/01-compare.md:13: claim failed: A beats B (claimed better, but the data say no detectable difference: 0.0475 (95% CI"),
            "\(result.standardError)")
        #expect(result.standardError.contains("Welch's t = 1.26, df = 6.0, p = 0.25; n = 4 and 4)"))
        #expect(!result.standardError.contains(":12:"), "the claim that holds is not reported")
    }

    @Test func aNameRecordedTwiceIsAnErrorNamingBothLines() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-twice.md", """
            ---
            title: Twice
            ---

            ```swift experiment
            record("x", 1)
            record("x", 2)
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-twice.md:7: `x` is recorded twice, first at line 6"), "\(result.standardError)")
    }

    @Test func rawTeXInProseFailsTheBuild() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-tex.md", """
            ---
            title: TeX
            ---

            A bound $\\lVert W
            \\rVert \\le 1$ across lines is fine.

            The norm \\lVert W \\rVert is not.
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-tex.md:8: `\\lVert` outside a formula shows as raw TeX"), "\(result.standardError)")
        #expect(!result.standardError.contains(":5:"))
    }

    @Test func aValueThatIsNotANumberFailsWhereTheProseShowsIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-nan.md", """
            ---
            title: NaN
            ---

            The loss ended at {{loss:.1%}}; the exploding run at {{exploded}}.

            ```swift experiment
            record("loss", Double.nan)
            record("exploded", Double.infinity, allowNonFinite: true)
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains(
            "lessons/01-nan.md:5: `{{loss:.1%}}` would show nan: the value recorded at line 8 is not a number."), "\(result.standardError)")
        #expect(result.standardOutput.contains("FAILED"), "the summary says so too")
        try project.write(lesson: "01-nan.md", try project.read("lessons/01-nan.md").replacingOccurrences(of: "Double.nan", with: "0.25"))
        let fixed = try project.build()
        #expect(fixed.status == 0, "\(fixed.standardError)")
        #expect(withoutValueLinks(try project.read("site/01-nan.html")).contains("the exploding run at inf."))
    }

    @Test func nonFiniteValuesTheLessonAllowsReachThePageAsRecorded() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-nonfinite.md", """
            ---
            title: Non-finite
            ---

            It went {{up}} and {{down}}; the loss was {{nan}}, then {{runtime:.2f}}.

            ```swift experiment
            let zero = Double(CommandLine.arguments.count - 1)
            record("up", Double.infinity, allowNonFinite: true)
            record("down", -Double.infinity, allowNonFinite: true)
            record("nan", Double.nan, allowNonFinite: true)
            record("runtime", zero / zero, allowNonFinite: true)
            ```
            """)
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let page = try project.read("site/01-nonfinite.html")
        #expect(withoutValueLinks(page).contains("It went inf and -inf; the loss was nan, then nan."))
        #expect(page.contains("title=\"up = inf, recorded at lessons/01-nonfinite.md:9"))
        #expect(page.contains("title=\"down = -inf, recorded at lessons/01-nonfinite.md:10"))
        // A NaN computed at run time keeps its sign (`-nan` on x86-64) in the value's tooltip.
        let zero = Double(CommandLine.arguments.count - CommandLine.arguments.count)
        #expect(page.contains("title=\"runtime = \(zero / zero), recorded at lessons/01-nonfinite.md:12"))
    }
}
