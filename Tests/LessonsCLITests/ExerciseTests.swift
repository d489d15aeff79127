import Foundation
import Testing

/// Exercises end to end (#21): the build holds the solution to its checks and the starter to
/// failing one, at the lines that show it; the page folds the solution away; a reader's copy
/// from `lessons exercise` is judged check by check by `lessons run`.
@Suite struct ExerciseTests {
    /// A lesson with two exercises. Line numbers the tests rely on: the first exercise's fence
    /// is line 16, its solution's 20, its checks' `expect` lines 25 and 26.
    static func lesson(
        prose: String = "Find the largest number in `numbers`.",
        starter: String = "var largest = 0 // ✏️ walk through `numbers`",
        solution: String = "let largest = numbers.reduce(numbers[0]) { $0 > $1 ? $0 : $1 }"
    ) -> String {
        """
        ---
        title: Exercises
        order: 1
        seed: 3
        ---

        A few numbers; half of four is {{half}}.

        ```swift experiment
        let numbers = [3, 1, 4, 1, 5]
        protocol Halving { func halve(_ x: Double) -> Double }
        ```

        \(prose)

        ```swift exercise id=largest
        \(starter)
        ```

        ```swift solution
        \(solution)
        ```

        ```swift checks
        expect(largest == 5, "`largest` is the largest of `numbers`")
        expect(largest >= numbers[0], "it is at least the first number")
        ```

        A cell of your own: a local type conforming to a protocol.

        ```swift exercise
        struct Half: Halving { func halve(_ x: Double) -> Double { x } } // ✏️ halve it
        print("the starter ran")
        ```
        ```swift solution
        struct Half: Halving { func halve(_ x: Double) -> Double { x / 2 } }
        print("half of 4 is", Half().halve(4))
        ```
        ```swift checks
        expect(Half().halve(4) == 2, "`Half` halves its input")
        record("half", Half().halve(4))
        ```

        ```swift experiment
        let largest = "a name of the lesson's own"
        print("after the exercises:", largest)
        ```
        """
    }

    @Test func rightExerciseBuildsAndItsPageFoldsTheSolution() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson())
        let build = try project.build()
        #expect(build.status == 0, "\(build.standardError)")
        let page = try project.read("site/01-ex.html")
        #expect(page.contains("<p class=\"exercise-label\" id=\"exercise-largest\"><a href=\"#exercise-largest\">Exercise 1</a></p>"))
        #expect(page.contains("<p class=\"exercise-label\" id=\"exercise-2\"><a href=\"#exercise-2\">Exercise 2</a></p>"))
        #expect(page.contains("<pre class=\"code exercise\">"))
        #expect(page.contains("<p>Your answer is right when:</p>\n<ul>\n<li><code>largest</code> is the largest of <code>numbers</code></li>\n<li>it is at least the first number</li>\n</ul>"))
        // Closed by default: no `open` attribute; the solution, its output and its checks inside.
        let folds = page.components(separatedBy: "<details class=\"solution\">\n<summary>Solution</summary>")
        #expect(folds.count == 3)
        let secondFold = folds[2].components(separatedBy: "</details>")[0]
        #expect(secondFold.contains("<pre class=\"code solution\">"))
        #expect(secondFold.contains("half of 4 is 2.0"))
        #expect(secondFold.contains("<li><span class=\"check-mark\">✓</span> <code>Half</code> halves its input</li>"))
        // The checks run twice, but only the solution's run records a value for the prose.
        #expect(page.contains("half of four is <a class=\"value\" href=\"#exercise-2\""), "a value links to its exercise")
        #expect(!page.contains("<code>the starter ran"), "the starter's own output is not on the page")
        #expect(!page.contains("expect("), "the checks are shown in words, not code")
        #expect(page.contains("after the exercises: a name of the lesson&#39;s own") || page.contains("after the exercises: a name of the lesson's own"),
                "names declared in an exercise do not leak into later blocks")
    }

    @Test func starterThatAlreadyPassesFailsAtTheExerciseLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson(starter: "let largest = 5 // ✏️ walk through `numbers`"))
        let build = try project.build()
        #expect(build.status != 0)
        #expect(build.standardError.contains(
            "lessons/01-ex.md:16: the starter of exercise 1 already passes every check: the exercise asks nothing"), "\(build.standardError)")
        #expect(!project.exists("site/01-ex.html"))
    }

    @Test func solutionThatFailsItsChecksFailsAtTheSolutionLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson(solution: "let largest = numbers[0]"))
        let build = try project.build()
        #expect(build.status != 0)
        #expect(build.standardError.contains(
            "lessons/01-ex.md:20: the solution of exercise 1 fails its check at line 25: `largest` is the largest of `numbers`"),
                "\(build.standardError)")
    }

    @Test func starterThatTrapsOrCodeThatDoesNotCompileNamesItsLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson(starter: "let largest = numbers[9] // ✏️ walk through `numbers`"))
        let trap = try project.build()
        #expect(trap.standardError.contains(
            "lessons/01-ex.md:16: the starter of exercise 1 (or its checks) stopped: Fatal error: Index out of range; a starter must run to its end"),
                "\(trap.standardError)")
        try project.write(lesson: "01-ex.md", Self.lesson(solution: "let largest: Int = \"five\""))
        let compile = try project.build()
        #expect(compile.standardError.contains("error: lessons/01-ex.md:21:20: cannot convert value of type 'String'"), "\(compile.standardError)")
    }

    @Test func malformedExercisesFailAtTheLineThatShowsIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let unmarked = Self.lesson(starter: "var largest = 0")
        try project.write(lesson: "01-unmarked.md", unmarked)
        let orphan = "---\ntitle: O\n---\n\nText.\n\n```swift solution\nlet x = 1\n```\n"
        try project.write(lesson: "02-orphan.md", orphan)
        let silent = Self.lesson().replacingOccurrences(
            of: "expect(Half().halve(4) == 2, \"`Half` halves its input\")", with: "print(Half().halve(4))")
        try project.write(lesson: "03-silent.md", silent)
        let unsolved = "---\ntitle: U\n---\n\n```swift exercise\nlet x = 0 // ✏️\n```\n\n```swift checks\nexpect(x == 1, \"x is 1\")\n```\n"
        try project.write(lesson: "04-unsolved.md", unsolved)
        try project.write(lesson: "05-copied.md", unsolved.replacingOccurrences(of: "title: U", with: "title: U\nexercise-of: lessons/04-unsolved.md"))
        let build = try project.build()
        #expect(build.status != 0)
        let errors = build.standardError
        #expect(errors.contains("lessons/01-unmarked.md:16: the starter marks no place to fill in: put a comment with ✏️"), "\(errors)")
        #expect(errors.contains("lessons/02-orphan.md:7: a `swift solution` block must follow a `swift exercise` block"), "\(errors)")
        #expect(errors.contains("lessons/03-silent.md:39: the checks call no `expect`"), "\(errors)")
        #expect(errors.contains("lessons/04-unsolved.md:5: the exercise has no `swift solution` block"), "\(errors)")
        #expect(errors.contains("lessons/05-copied.md:1: this is a reader's copy of an exercise"), "\(errors)")
    }

    @Test func proseEditRunsNothingAndASolutionEditRunsAgain() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson())
        #expect(try project.build().status == 0)
        // Two lines longer: every line the exercises' claims and records name moves down.
        let longerProse = "Which number in `numbers` is the largest?\n\nThere are five of them."
        try project.write(lesson: "01-ex.md", Self.lesson(prose: longerProse))
        let proseEdit = try project.build()
        #expect(RunnerTests.sources(proseEdit.standardOutput) == ["lessons/01-ex.md": "cache"], "\(proseEdit.standardOutput)")
        let fromCache = try project.read("site/01-ex.html")
        #expect(fromCache.contains("half of 4 is 2.0"), "the cached solution output is still on the page")
        #expect(try project.build(["--force"]).status == 0)
        #expect(try project.read("site/01-ex.html") == fromCache, "the page from the cache is the page a run writes")
        try project.write(lesson: "01-ex.md", Self.lesson(prose: longerProse, solution: "let largest = numbers.max()!"))
        let solutionEdit = try project.build()
        #expect(RunnerTests.sources(solutionEdit.standardOutput) == ["lessons/01-ex.md": "ran"], "\(solutionEdit.standardOutput)")
    }

    @Test func exerciseCommandWritesAScratchThatRunJudgesCheckByCheck() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-ex.md", Self.lesson())
        let list = try project.command("exercise", ["lessons/01-ex.md"])
        #expect(list.standardOutput == """
            1  lessons/01-ex.md:16  Find the largest number in `numbers`.
            2  lessons/01-ex.md:31  A cell of your own: a local type conforming to a protocol.

            """, "\(list.standardError)")
        let written = try project.command("exercise", ["lessons/01-ex.md", "1"])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(written.standardOutput.contains("wrote exercises/01-ex-1.md"))
        #expect(written.standardOutput.contains("lessons run --root \(project.root.path) exercises/01-ex-1.md"))
        let scratch = try project.read("exercises/01-ex-1.md")
        #expect(scratch.contains("seed: 3"))
        #expect(scratch.contains("exercise-of: \"lessons/01-ex.md\""))
        #expect(scratch.contains("let numbers = [3, 1, 4, 1, 5]"), "the blocks before the exercise come along")
        #expect(!scratch.contains("reduce"), "the solution stays out")
        #expect(!scratch.contains("Half"), "later exercises stay out")

        // The reader's work is never overwritten by accident.
        try project.write("exercises/01-ex-1.md", scratch.replacingOccurrences(
            of: "var largest = 0 // ✏️ walk through `numbers`", with: "let largest = numbers[0]"))
        let again = try project.command("exercise", ["lessons/01-ex.md", "1"])
        #expect(again.status != 0)
        #expect(again.standardError.contains("exercises/01-ex-1.md already exists and may hold your answer"))

        let wrong = try project.command("run", ["exercises/01-ex-1.md"])
        #expect(wrong.status != 0)
        #expect(wrong.standardOutput.contains("""
              ✗ `largest` is the largest of `numbers` — exercises/01-ex-1.md:
            """), "\(wrong.standardOutput)")
        #expect(wrong.standardOutput.contains("  ✓ it is at least the first number\n"))
        #expect(wrong.standardOutput.contains("  1 of 2 checks pass\n"))

        try project.write("exercises/01-ex-1.md", scratch.replacingOccurrences(
            of: "var largest = 0 // ✏️ walk through `numbers`", with: "var largest = numbers[0]\nfor n in numbers where n > largest { largest = n }"))
        let right = try project.command("run", ["exercises/01-ex-1.md"])
        #expect(right.status == 0, "\(right.standardError)")
        #expect(right.standardOutput.contains("  ✓ `largest` is the largest of `numbers`\n  ✓ it is at least the first number\n  all 2 checks pass\n"))
        #expect(try project.command("exercise", ["lessons/01-ex.md", "1", "--force"]).status == 0)
        #expect(try project.read("exercises/01-ex-1.md") == scratch, "--force starts the exercise again")
        #expect(try project.build().status == 0, "the build ignores exercises/")
    }
}
