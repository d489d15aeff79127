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

    /// Seconds each lesson took, from a build's "ran lessons/NAME in S s" lines.
    static func secondsTaken(_ output: String) -> [String: Double] {
        var seconds: [String: Double] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("ran lessons/") {
            let words = line.split(separator: " ")
            if words.count >= 4, let value = Double(words[3]) { seconds[String(words[1])] = value }
        }
        return seconds
    }

    @Test func theLessonThatTookLongestStartsFirst() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-quick.md", Self.lesson("Quick", seconds: 0, constant: 1))
        try project.write(lesson: "02-quick.md", Self.lesson("Also quick", seconds: 0, constant: 1))
        try project.write(lesson: "03-slow.md", Self.lesson("Slow", seconds: 3, constant: 1))
        let first = try project.build()
        #expect(first.status == 0)
        // What "took longest" means is what the first build measured, compiling included: on
        // a loaded machine a quick lesson's compile can outlast the slow one's sleep, so the
        // test asks for the measured order rather than assuming the sleep wins.
        let taken = Self.secondsTaken(first.standardOutput + first.standardError)
        #expect(taken.count == 3, "\(first.standardOutput)")
        // Printed times are rounded, so lessons tied at the top are all "the longest".
        let longestTime = try #require(taken.values.max())
        let longest = Set(taken.filter { $0.value == longestTime }.keys)
        // Every block changes, so every lesson runs again; the one that took longest must be
        // the first to start, whatever its place in curriculum order.
        try project.write(lesson: "01-quick.md", Self.lesson("Quick", seconds: 0, constant: 2))
        try project.write(lesson: "02-quick.md", Self.lesson("Also quick", seconds: 0, constant: 2))
        try project.write(lesson: "03-slow.md", Self.lesson("Slow", seconds: 3, constant: 2))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput + result.standardError
        let started = output.split(separator: "\n").filter { $0.hasPrefix("running lessons/") }
            .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        // Lessons start as many at once as there are cores, and those started together print
        // "running" in either order: the longest must be in that first wave. The wave is kept
        // smaller than the three lessons, so curriculum order (the slow lesson last) still fails.
        let wave = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 2)
        #expect(started.prefix(wave).contains(where: longest.contains), "\(taken)\n\(output)")
    }
}
