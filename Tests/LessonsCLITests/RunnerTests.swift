import Foundation
import Testing

/// The runner end to end: cache, parallel lessons, timeouts, limits, interruption and the
/// other commands, on scratch projects.
@Suite struct RunnerTests {
    static func lesson(title: String, order: Int, prose: String = "Some prose.", code: String) -> String {
        """
        ---
        title: \(title)
        order: \(order)
        ---

        \(prose)

        ```swift experiment
        \(code)
        ```
        """
    }

    /// Lines of the summary table saying where each lesson's result came from.
    static func sources(_ output: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("lessons/") {
            let words = line.split(separator: " ")
            result[String(words[0])] = String(words.last!)
        }
        return result
    }

    @Test func proseEditRunsNothingAndBlockEditRerunsOnlyItsLesson() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: "print(\"a\")"))
        try project.write(lesson: "02-b.md", Self.lesson(title: "B", order: 2, code: "print(\"b\")"))
        let first = try project.build()
        #expect(Self.sources(first.standardOutput) == ["lessons/01-a.md": "ran", "lessons/02-b.md": "ran"])

        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, prose: "Edited prose, longer\nand on two lines.", code: "print(\"a\")"))
        let proseEdit = try project.build()
        #expect(Self.sources(proseEdit.standardOutput) == ["lessons/01-a.md": "cache", "lessons/02-b.md": "cache"])
        #expect(try project.read("site/01-a.html").contains("Edited prose"))

        try project.write(lesson: "02-b.md", Self.lesson(title: "B", order: 2, code: "print(\"b changed\")"))
        let blockEdit = try project.build()
        #expect(Self.sources(blockEdit.standardOutput) == ["lessons/01-a.md": "cache", "lessons/02-b.md": "ran"])
        #expect(try project.read("site/02-b.html").contains("b changed"))

        let forced = try project.build(["--force"])
        #expect(Self.sources(forced.standardOutput) == ["lessons/01-a.md": "ran", "lessons/02-b.md": "ran"])
    }

    /// A different engine build (here the same library with bytes appended, which the loader
    /// ignores) invalidates every cached result.
    @Test func changedEngineRerunsEveryLesson() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: "print(1)"))
        try project.write(lesson: "02-b.md", Self.lesson(title: "B", order: 2, code: "print(2)"))
        #expect(try project.build().status == 0)
        let runtime = project.root.appendingPathComponent("runtime-copy")
        let built = LessonsProcess.executable.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: built.appendingPathComponent("libLessonRuntime.so"), to: runtime.appendingPathComponent("libLessonRuntime.so"))
        try FileManager.default.copyItem(at: built.appendingPathComponent("Modules"), to: runtime.appendingPathComponent("Modules"))
        try FileManager.default.copyItem(at: built.appendingPathComponent("ExperimentSupervisor"), to: runtime.appendingPathComponent("ExperimentSupervisor"))
        // The engine's C module maps, which the compiler needs to load the engine's module.
        for entry in try FileManager.default.contentsOfDirectory(atPath: built.path) where entry.hasSuffix(".build") {
            let map = built.appendingPathComponent(entry).appendingPathComponent("module.modulemap")
            guard FileManager.default.fileExists(atPath: map.path) else { continue }
            let target = runtime.appendingPathComponent(entry)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: map, to: target.appendingPathComponent("module.modulemap"))
        }
        let environment = ["LESSONS_RUNTIME_DIR": runtime.path]
        #expect(Self.sources(try project.build(environment: environment).standardOutput).values.allSatisfy { $0 == "cache" })
        let library = try FileHandle(forWritingTo: runtime.appendingPathComponent("libLessonRuntime.so"))
        try library.seekToEnd()
        library.write(Data("a different build".utf8))
        try library.close()
        let rebuilt = try project.build(environment: environment)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(Self.sources(rebuilt.standardOutput) == ["lessons/01-a.md": "ran", "lessons/02-b.md": "ran"])
    }

    @Test func changedDataFileRerunsTheLessonThatReadIt() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/data/numbers.txt", "1 2 3")
        try project.write(lesson: "01-data.md", Self.lesson(title: "Data", order: 1, code: "print(readLessonData(\"numbers.txt\"))"))
        try project.write(lesson: "02-other.md", Self.lesson(title: "Other", order: 2, code: "print(2)"))
        #expect(try project.build().status == 0)
        try project.write("lessons/data/numbers.txt", "4 5 6")
        let rebuilt = try project.build()
        #expect(Self.sources(rebuilt.standardOutput) == ["lessons/01-data.md": "ran", "lessons/02-other.md": "cache"])
        #expect(try project.read("site/01-data.html").contains("4 5 6"))
    }

    @Test func timeoutKillsTheLessonAndNamesTheRunningBlock() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-slow.md", """
            ---
            title: Slow
            timeout: 1
            ---

            ```swift experiment
            print("quick")
            ```

            ```swift experiment
            var counter = 0
            while counter >= 0 { counter = (counter &+ 1) & 0xFFFF }
            ```
            """)
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-slow.md:10: timed out after 1."))
        #expect(result.standardError.contains("(limit 1.0 s) while the experiment block at line 10 was running"))
    }

    @Test func longOutputIsCutWithANote() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-loud.md", Self.lesson(
            title: "Loud", order: 1, code: "for i in 0..<40_000 { print(\"line \\(i) of a very chatty experiment\") }"))
        #expect(try project.build().status == 0)
        let page = try project.read("site/01-loud.html")
        #expect(page.contains("[output cut: the block printed"))
        #expect(!page.contains("line 39999 of"))
    }

    @Test func allowFailuresWritesErrorPagesAndStillFails() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-good.md", Self.lesson(title: "Good", order: 1, code: "print(\"fine\")"))
        try project.write(lesson: "02-bad.md", Self.lesson(title: "Bad", order: 2, code: "let x: Int = \"no\""))
        let result = try project.build(["--allow-failures"])
        #expect(result.status != 0)
        #expect(try project.read("site/01-good.html").contains("fine"))
        let errorPage = try project.read("site/02-bad.html")
        #expect(errorPage.contains("This lesson did not build"))
        #expect(errorPage.contains("lessons/02-bad.md:9:14: cannot convert value of type"))
    }

    /// Each lesson waits until the other has started: if they ran one after the other, the
    /// first would wait in vain and fail.
    @Test func lessonsRunInParallel() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        for (name, other) in [("a", "b"), ("b", "a")] {
            try project.write(lesson: "0\(name == "a" ? 1 : 2)-\(name).md", Self.lesson(title: name, order: name == "a" ? 1 : 2, code: """
                FileManager.default.createFile(atPath: ".lessons-cache/started-\(name)", contents: nil)
                var waited = 0
                while !FileManager.default.fileExists(atPath: ".lessons-cache/started-\(other)") && waited < 300 {
                    usleep(100_000)
                    waited += 1
                }
                expect(waited < 300, "the other lesson ran at the same time")
                """))
        }
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func twoBuildsAtOnceLeaveAConsistentSite() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        for index in 1...3 {
            try project.write(lesson: "0\(index)-l.md", Self.lesson(title: "L\(index)", order: index, code: "print(\(index * 111))"))
        }
        let group = DispatchGroup()
        let results = LockedResults()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                results.append(try? project.build())
            }
        }
        group.wait()
        #expect(results.values.count == 2 && results.values.allSatisfy { $0?.status == 0 })
        let check = try project.command("check")
        #expect(check.status == 0, "\(check.standardError)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("site.") }
        #expect(leftovers.isEmpty)
    }

    /// Ctrl-C during a build stops the experiment and leaves the previous site untouched.
    @Test func interruptedBuildLeavesThePreviousSite() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: "print(\"first version\")"))
        #expect(try project.build().status == 0)
        let before = try project.read("site/01-a.html")
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: """
            print("second version")
            try! "\\(getpid())".write(toFile: ".lessons-cache/experiment.pid", atomically: true, encoding: .utf8)
            sleep(60)
            """))
        let process = Process()
        process.executableURL = LessonsProcess.executable
        process.arguments = ["build", "--root", project.root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = project.root.appendingPathComponent(".lessons-cache/experiment.pid")
        var waited = 0
        while !FileManager.default.fileExists(atPath: pidFile.path) && waited < 600 {
            usleep(50_000)
            waited += 1
        }
        let experiment = pid_t(try String(contentsOf: pidFile, encoding: .utf8)) ?? 0
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(try project.read("site/01-a.html") == before)
        usleep(200_000)
        #expect(experiment > 0 && !Self.isRunning(experiment), "the experiment process was stopped")
    }

    /// Whether `pid` is a live process (a zombie waiting to be reaped is not).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test func checkListsDifferingFiles() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: "print(1)"))
        try project.write(lesson: "02-b.md", Self.lesson(title: "B", order: 2, code: "print(2)"))
        #expect(try project.build().status == 0)
        #expect(try project.command("check").status == 0)
        try project.write("site/01-a.html", "edited by hand")
        try project.write("site/stray.html", "an author's own page, not the build's to check")
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("lessons/02-b.md"))
        let check = try project.command("check")
        #expect(check.status != 0)
        #expect(check.standardError.contains("differs:   01-a.html"))
        #expect(check.standardError.contains("extra:     02-b.html"), "the page of a deleted lesson")
        #expect(!check.standardError.contains("stray.html"))
    }

    @Test func formatErrorsNameTheirLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", "---\ntitle: A\ncolour: red\n---\n")
        try project.write(lesson: "02-b.md", "---\ntitle: B\n---\n\n```swift experiment hide-cod\nprint(1)\n```\n")
        try project.write(lesson: "03-c.md", "---\ntitle: C\n---\n\n```swift experiment\nprint(1)\n")
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-a.md:3: unknown front-matter key `colour`"))
        #expect(result.standardError.contains("lessons/02-b.md:5: unknown experiment option `hide-cod`"))
        #expect(result.standardError.contains("lessons/03-c.md:5: code block opened here is never closed"))
        #expect(result.standardError.contains("3 problems in the lessons"))
    }

    @Test func sourcesAreNeverModified() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let text = Self.lesson(title: "A", order: 1, prose: "Value {{x}}.", code: "record(\"x\", 42)")
        try project.write(lesson: "01-a.md", text)
        #expect(try project.build().status == 0)
        #expect(try project.read("lessons/01-a.md") == text)
        #expect(withoutValueLinks(try project.read("site/01-a.html")).contains("Value 42."))
    }

    @Test func newListAndCleanCommands() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "03-existing.md", Self.lesson(title: "Existing", order: 3, code: "print(1)"))
        let created = try project.command("new", ["Forget gates, revisited"])
        #expect(created.standardOutput == "lessons/04-forget-gates-revisited.md\n")
        let listed = try project.command("list")
        #expect(listed.standardOutput.contains("  4  lessons/04-forget-gates-revisited.md  Forget gates, revisited (1 experiment block)"))
        #expect(try project.build().status == 0, "the template builds")
        #expect(project.exists(".lessons-cache/results"))
        #expect(try project.command("clean").status == 0)
        #expect(!project.exists(".lessons-cache/results"))
        #expect(try project.command("new", ["Forget gates, revisited"]).status == 0, "numbered after the last: 05")
    }

    @Test func runPrintsOutputsInTheTerminal() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", Self.lesson(title: "A", order: 1, code: "print(\"hello\")\nrecord(\"n\", 3)\nexpect(true, \"fine\")"))
        let result = try project.command("run", [project.root.appendingPathComponent("lessons/01-a.md").path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "── lessons/01-a.md:8\nhello\n── recorded values\nn = 3.0\n── claims: all 1 hold\n")
        #expect(!project.exists("site"))
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LessonsProcess.Result?] = []
    func append(_ result: LessonsProcess.Result?) { lock.withLock { stored.append(result) } }
    var values: [LessonsProcess.Result?] { lock.withLock { stored } }
}
