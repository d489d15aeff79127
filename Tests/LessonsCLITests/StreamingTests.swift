import Foundation
import Testing

/// `lessons run` shows what blocks print as they print it, standard error included, and the
/// page shows a block's standard error too.
@Suite struct StreamingTests {
    @Test func runStreamsBlockByBlockSoCtrlCLosesNothing() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-slow.md", """
            ---
            title: Slow
            ---

            ```swift experiment
            print("first block done")
            ```

            ```swift experiment
            print("second block starts")
            usleep(60_000_000)
            ```
            """)
        let process = Process()
        process.executableURL = LessonsProcess.executable
        process.arguments = ["run", "--root", project.root.path, "lessons/01-slow.md"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains("second block starts") {
            seen.append(output.fileHandleForReading.availableData)
        }
        let text = String(decoding: seen, as: UTF8.self)
        #expect(text.contains("── lessons/01-slow.md:5\nfirst block done\n── lessons/01-slow.md:9\nsecond block starts\n"), "\(text)")
        #expect(process.isRunning, "the output arrived while the lesson was still running")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
    }

    @Test func standardErrorIsShownInRunAndOnThePage() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-warn.md", """
            ---
            title: Warn
            ---

            ```swift experiment
            print("result 42")
            FileHandle.standardError.write(Data("careful: the loss went up twice\\n".utf8))
            ```
            """)
        let run = try project.command("run", ["lessons/01-warn.md"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("result 42"))
        #expect(run.standardError.contains("careful: the loss went up twice"))
        #expect(try project.build().status == 0)
        let page = try project.read("site/01-warn.html")
        #expect(page.contains("<pre class=\"output stderr\" title=\"written to standard error\"><code>careful: the loss went up twice\n</code></pre>"))
    }
}
