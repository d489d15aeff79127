import Foundation
import Testing

/// The lessons that took longest last time start first, so that on two cores a long lesson
/// does not run alone at the end.
@Suite struct BuildOrderTests {
    static func lesson(_ title: String, seconds: Double, constant: Int) -> String {
        """
        ---
        title: \(title)
        ---

        ```swift experiment
        Thread.sleep(forTimeInterval: \(seconds))
        print(\(constant))
        ```
        """
    }

    @Test func theLessonThatTookLongestStartsFirst() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-quick.md", Self.lesson("Quick", seconds: 0, constant: 1))
        try project.write(lesson: "02-quick.md", Self.lesson("Also quick", seconds: 0, constant: 1))
        try project.write(lesson: "03-slow.md", Self.lesson("Slow", seconds: 3, constant: 1))
        #expect(try project.build().status == 0)
        // Every block changes, so every lesson runs again; the slow one, last in curriculum
        // order, must start before either quick one has finished.
        try project.write(lesson: "01-quick.md", Self.lesson("Quick", seconds: 0, constant: 2))
        try project.write(lesson: "02-quick.md", Self.lesson("Also quick", seconds: 0, constant: 2))
        try project.write(lesson: "03-slow.md", Self.lesson("Slow", seconds: 3, constant: 2))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput + result.standardError
        let slowStarted = try #require(output.range(of: "running lessons/03-slow.md"), "\(output)")
        let firstQuickDone = try #require(output.range(of: "ran lessons/01-quick.md"), "\(output)")
        let secondQuickDone = try #require(output.range(of: "ran lessons/02-quick.md"), "\(output)")
        #expect(slowStarted.lowerBound < firstQuickDone.lowerBound && slowStarted.lowerBound < secondQuickDone.lowerBound, "\(output)")
    }
}
