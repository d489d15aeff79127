import Foundation
import Testing

/// A block that prints without end is stopped at a hard limit with a clear message, and leaves
/// no large file behind.
@Suite struct BoundedOutputTests {
    @Test func endlessPrintingStopsTheLessonAtTheLimit() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-flood.md", """
            ---
            title: Flood
            ---

            ```swift experiment
            let line = String(repeating: "x", count: 1023)
            while true { print(line) }
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-flood.md:5: the experiment block at line 5 was stopped: it wrote more than 32 MiB"),
                "\(result.standardError)")
        let work = project.root.appendingPathComponent(".lessons-cache/work/01-flood")
        let sizes = try FileManager.default.contentsOfDirectory(atPath: work.path).map { name in
            ((try? FileManager.default.attributesOfItem(atPath: work.appendingPathComponent(name).path)[.size]) as? Int) ?? 0
        }
        #expect(sizes.allSatisfy { $0 < 1_000_000 }, "only the program is left, not its output: \(sizes)")
    }
}
