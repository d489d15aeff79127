import Foundation
import Testing

/// Nothing an experiment starts outlives it, and nothing outlives `lessons`: a program left
/// behind by a block, a timeout, a closed terminal (SIGHUP) and SIGKILL each leave no process.
@Suite struct ProcessLifetimeTests {
    /// A lesson whose block starts `sleep SECONDS` (a number unique to the test, so the test can
    /// find it) and then either returns or spins forever.
    static func lesson(sleeping seconds: Int, thenSpin spin: Bool, timeout: Int = 600) -> String {
        """
        ---
        title: Leftovers
        timeout: \(timeout)
        ---

        ```swift experiment
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["\(seconds)"]
        try! sleeper.run()
        print("started")
        \(spin ? "var spins = 0\nwhile spins >= 0 { spins = (spins &+ 1) & 0xFFFF }" : "")
        ```
        """
    }

    /// Processes whose command line is exactly `sleep SECONDS`, or that run from `directory`.
    static func survivors(sleeping seconds: Int, under directory: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard Int(entry) != nil,
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { return nil }
            let command = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            let leftover = command.hasSuffix("sleep \(seconds)") || command.contains(directory.path + "/.lessons-cache/")
            return leftover ? "\(entry): \(command)" : nil
        }
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    static func uniqueSeconds() -> Int { 100_000 + Int.random(in: 0..<800_000) }

    @Test func aProgramABlockStartedEndsWithTheLesson() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let seconds = Self.uniqueSeconds()
        try project.write(lesson: "01-leftover.md", Self.lesson(sleeping: seconds, thenSpin: false))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Self.eventually(2) { Self.survivors(sleeping: seconds, under: project.root).isEmpty },
                "\(Self.survivors(sleeping: seconds, under: project.root))")
    }

    @Test func aTimeoutEndsTheProgramsTheLessonStarted() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let seconds = Self.uniqueSeconds()
        try project.write(lesson: "01-leftover.md", Self.lesson(sleeping: seconds, thenSpin: true, timeout: 3))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("timed out"))
        #expect(Self.eventually(2) { Self.survivors(sleeping: seconds, under: project.root).isEmpty },
                "\(Self.survivors(sleeping: seconds, under: project.root))")
    }

    @Test(arguments: [SIGHUP, SIGKILL, SIGTERM])
    func nothingOutlivesLessons(signal: Int32) throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let seconds = Self.uniqueSeconds()
        try project.write(lesson: "01-leftover.md", Self.lesson(sleeping: seconds, thenSpin: true))
        let process = Process()
        // `env --default-signal` undoes a SIGHUP the test runner may have inherited as ignored
        // (as under nohup), which `lessons` would rightly keep ignoring.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=HUP", LessonsProcess.executable.path, "build", "--root", project.root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the block is spinning and its sleeper runs.
        let started = Self.eventually(120) {
            Self.survivors(sleeping: seconds, under: project.root).contains { $0.hasSuffix("sleep \(seconds)") }
        }
        #expect(started, "the experiment never started its sleeper")
        let signalled = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 10, "lessons ended soon after the signal")
        #expect(Self.eventually(3) { Self.survivors(sleeping: seconds, under: project.root).isEmpty },
                "after signal \(signal): \(Self.survivors(sleeping: seconds, under: project.root))")
    }
}
