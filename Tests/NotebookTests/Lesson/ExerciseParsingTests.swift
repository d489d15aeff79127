import Testing
@testable import Notebook

@Suite struct ExerciseParsingTests {
    static let text = """
        ---
        title: Exercises
        ---

        ```swift experiment
        let numbers = [3, 1, 4]
        ```

        ## Try it

        Find the largest.

        ```swift exercise id=largest
        var largest = 0 // ✏️ find it
        ```

        A hint.

        ```swift solution
        let largest = numbers.max()!
        ```

        ```swift checks
        expect(largest == 4, "largest is 4")
        ```

        ```swift experiment
        print(numbers)
        ```
        """

    @Test func findsTheThreeBlocksWithTheirLinesAndPlace() throws {
        let lesson = try Lesson(text: Self.text, path: "lessons/x.md")
        #expect(lesson.blocks.count == 2, "exercise blocks are not experiment blocks")
        #expect(lesson.exercises.count == 1)
        let exercise = try #require(lesson.exercises.first)
        #expect(exercise.starter == Exercise.Part(fenceLine: 13, closingFenceLine: 15, code: "var largest = 0 // ✏️ find it"))
        #expect(exercise.solution == Exercise.Part(fenceLine: 19, closingFenceLine: 21, code: "let largest = numbers.max()!"))
        #expect(exercise.checks.code == "expect(largest == 4, \"largest is 4\")")
        #expect(exercise.checks.fenceLine == 23)
        #expect(exercise.id == "largest")
        #expect(exercise.anchor == "exercise-largest")
        #expect(exercise.number == 1)
        #expect(exercise.blocksBefore == 1, "it runs after the first experiment block")
        #expect(exercise.introduction == 9..<13, "its prose starts at the heading above it")
        #expect(ExerciseScratch.summary(of: exercise, in: lesson) == "Try it", "listed by the heading above it")
    }

    @Test func theMarkIsAPencilInAComment() {
        #expect(ExerciseAssembly.marksPlaceToFillIn("let x = 0 // ✏️ here"))
        #expect(ExerciseAssembly.marksPlaceToFillIn("let x = 0 // \u{270F} without the emoji selector"))
        #expect(!ExerciseAssembly.marksPlaceToFillIn("let x = \"✏️\""), "a pencil outside a comment marks nothing")
        #expect(!ExerciseAssembly.marksPlaceToFillIn("let x = 0 // TODO: here"))
    }

    @Test func aScratchLessonMayLackTheSolutionAndTheMark() throws {
        let lesson = try Lesson(text: """
            ---
            title: Exercise 1 of Exercises
            exercise-of: lessons/x.md
            ---
            ```swift exercise
            let largest = 4
            ```
            ```swift checks
            expect(largest == 4, "largest is 4")
            ```
            """, path: "exercises/x-1.md")
        #expect(lesson.isExerciseScratch)
        #expect(lesson.exercises.first?.solution == nil)
    }

    static let header = "---\ntitle: A\n---\n"
    static let starter = "```swift exercise\nlet x = 0 // ✏️\n```\n"
    static let solution = "```swift solution\nlet x = 1\n```\n"
    static let checks = "```swift checks\nexpect(x == 1, \"x is 1\")\n```\n"

    @Test(arguments: [
        (header + "```swift exercise\nlet x = 0\n```\n" + solution + checks, 4, "the starter marks no place to fill in"),
        (header + "\n" + solution, 5, "a `swift solution` block must follow a `swift exercise` block"),
        (header + checks, 4, "a `swift checks` block must follow a `swift exercise` block"),
        (header + starter + solution + "```swift checks\nprint(x)\n```\n", 10, "the checks call no `expect`"),
        (header + starter + checks, 4, "the exercise has no `swift solution` block"),
        (header + starter + solution, 4, "the exercise has no `swift checks` block after it"),
        (header + starter + solution + starter + solution + checks, 4, "the exercise has no `swift checks` block after it"),
        (header + starter + solution + solution + checks, 10, "the exercise at line 4 already has a solution"),
        (header + starter + "```swift experiment\nlet y = 2\n```\n" + solution + checks, 7, "an experiment block cannot stand inside the exercise at line 4"),
        (header + "```swift exercise hide-code\nlet x = 0 // ✏️\n```\n" + solution + checks, 4, "unknown exercise option `hide-code`"),
        (header + starter + "```swift solution id=s\nlet x = 1\n```\n" + checks, 7, "a `swift solution` block takes no options"),
        (header + "```swift exercise id=a\nlet x = 0 // ✏️\n```\n" + solution + checks + "```swift exercise id=a\nlet x = 0 // ✏️\n```\n", 13,
         "exercise id `a` is used twice"),
    ])
    func reportsProblemsAtTheirLine(text: String, line: Int, message: String) {
        #expect {
            _ = try Lesson(text: text, path: "lessons/x.md")
        } throws: { error in
            guard let error = error as? LessonError else { return false }
            return error.line == line && error.message.hasPrefix(message)
        }
    }
}
