import Foundation
import Testing

/// A project keeps building when it moves, and `lessons run` never disturbs a build.
@Suite struct MovedProjectTests {
    static let lesson = """
        ---
        title: Moving
        ---

        ```swift experiment
        print("value", 6 * 7)
        ```
        """

    @Test func aMovedProjectBuildsAndKeepsItsResults() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-moving.md", Self.lesson)
        #expect(try project.build().status == 0)
        let moved = ScratchProject(root: project.root.deletingLastPathComponent().appendingPathComponent("moved-\(UUID().uuidString)"))
        defer { moved.remove() }
        try FileManager.default.moveItem(at: project.root, to: moved.root)
        // Unchanged lessons come from the cache; an edited block compiles in the new place.
        let unchanged = try moved.build()
        #expect(unchanged.status == 0, "\(unchanged.standardError)")
        #expect(unchanged.standardOutput.contains("cache"))
        try moved.write(lesson: "01-moving.md", Self.lesson.replacingOccurrences(of: "6 * 7", with: "6 * 8"))
        let edited = try moved.build()
        #expect(edited.status == 0, "\(edited.standardError)")
        #expect(try moved.read("site/01-moving.html").contains("value 48"))
    }

    @Test func aStaleEngineBuildIsNamedWithTheCommandThatFixesIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-moving.md", Self.lesson)
        // A copy of the engine's build whose module map points at headers that moved away.
        let runtime = project.root.appendingPathComponent("fake-build")
        let real = LessonsProcess.executable.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: runtime.appendingPathComponent("Modules"), withIntermediateDirectories: true)
        for name in ["libLessonRuntime.so", "ExperimentSupervisor"] {
            try FileManager.default.copyItem(at: real.appendingPathComponent(name), to: runtime.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: real.appendingPathComponent("Modules/Recurrent.swiftmodule"),
                                         to: runtime.appendingPathComponent("Modules/Recurrent.swiftmodule"))
        try project.write("fake-build/CEngineSupport.build/module.modulemap",
                          "module CEngineSupport {\n    umbrella header \"/old/place/Sources/CEngineSupport/include/CEngineSupport.h\"\n}\n")
        let result = try project.build(environment: ["LESSONS_RUNTIME_DIR": runtime.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("/old/place/Sources/CEngineSupport/include/CEngineSupport.h is missing"), "\(result.standardError)")
        #expect(result.standardError.contains("run `rm -rf \(runtime.path)/ModuleCache && swift build -c release`"), "\(result.standardError)")
    }

    @Test func runAndBuildOfTheSameLessonDoNotCollide() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-slow.md", """
            ---
            title: Slow
            ---

            ```swift experiment
            print("first")
            usleep(1_500_000)
            print("second")
            ```
            """)
        let group = DispatchGroup()
        let run = LockedResults(), build = LockedResults()
        DispatchQueue.global().async(group: group) { run.append(try? project.command("run", ["lessons/01-slow.md"])) }
        DispatchQueue.global().async(group: group) { build.append(try? project.build()) }
        group.wait()
        #expect(run.values.first??.status == 0, "run: \(run.values.first??.standardError ?? "")")
        #expect(build.values.first??.status == 0, "build: \(build.values.first??.standardError ?? "")")
        #expect(run.values.first??.standardOutput.contains("second") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent(".lessons-cache").path)
        #expect(!leftovers.contains { $0.hasPrefix("run-") }, "the run's own folder is removed: \(leftovers)")
    }
}
