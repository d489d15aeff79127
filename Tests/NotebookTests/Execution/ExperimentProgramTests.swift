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
