import Testing
@testable import Notebook

@Suite struct ExperimentProgramTests {
    @Test func blocksFollowEachOtherWithLocationsAndMarks() throws {
        let lesson = try Lesson(text: """
            ---
            title: T
            ---
            ```swift experiment
            let x = 1
            ```
            Prose.
            ```swift experiment
            print(x)
            ```
            """, path: "lessons/t.md")
        #expect(ExperimentProgram(lesson: lesson).source == """
            import Foundation
            import Recurrent
            import LessonKit

            ExperimentSession.start()

            ExperimentSession.beginBlock(0)
            #sourceLocation(file: "lessons/t.md", line: 5)
            let x = 1
            #sourceLocation()

            ExperimentSession.beginBlock(1)
            #sourceLocation(file: "lessons/t.md", line: 9)
            print(x)
            #sourceLocation()

            ExperimentSession.finish()

            """)
    }
}

@Suite struct ExerciseProgramTests {
    @Test func anExerciseRunsWhereItStandsAsTwoScopesWithTheirLines() throws {
        let lesson = try Lesson(text: """
            ---
            title: T
            ---
            ```swift experiment
            let x = 1
            ```
            ```swift exercise
            let y = 0 // ✏️
            ```
            ```swift solution
            let y = x + 1
            ```
            ```swift checks
            expect(y == 2, "y is 2")
            ```
            ```swift experiment
            print(x)
            ```
            """, path: "lessons/t.md")
        let source = ExperimentProgram(lesson: lesson).source
        #expect(source.contains("""
            #sourceLocation()

            ExperimentSession.beginExercise(0, .solution)
            do {
            #sourceLocation(file: "lessons/t.md", line: 11)
            let y = x + 1
            #sourceLocation(file: "lessons/t.md", line: 14)
            expect(y == 2, "y is 2")
            #sourceLocation()
            }

            ExperimentSession.beginExercise(0, .attempt)
            do {
            #sourceLocation(file: "lessons/t.md", line: 8)
            let y = 0 // ✏️
            #sourceLocation(file: "lessons/t.md", line: 14)
            expect(y == 2, "y is 2")
            #sourceLocation()
            }

            ExperimentSession.beginBlock(1)
            """))
    }
}
