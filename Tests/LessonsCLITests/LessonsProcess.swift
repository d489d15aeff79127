import Foundation

/// Runs the built `lessons` executable on a scratch project, as a user would.
struct LessonsProcess {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The `lessons` binary `swift build` put next to this test bundle, with the engine library.
    static let executable: URL = {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("lessons")
            if FileManager.default.isExecutableFile(atPath: candidate.path),
               !candidate.hasDirectoryPath { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("no `lessons` executable near \(testBundle.path); run `swift build` first")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes at once, before waiting: a child that fills one pipe while the test
        // reads the other would block forever.
        let errorReader = PipeReader(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorReader.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A throwaway project directory with a `lessons/` folder.
struct ScratchProject {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    }

    /// A project at `root`, which the test creates (by moving another there, say).
    init(root: URL) {
        self.root = root
    }

    func write(lesson name: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent("lessons/\(name)"), atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func build(_ extra: [String] = [], environment: [String: String] = [:]) throws -> LessonsProcess.Result {
        try LessonsProcess.run(["build", "--root", root.path] + extra, environment: environment)
    }

    func command(_ name: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> LessonsProcess.Result {
        try LessonsProcess.run([name, "--root", root.path] + extra, environment: environment)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// `html` with the links the site puts around spliced values (`<a class="value" …>text</a>`)
/// reduced to their text, for tests that read the prose.
func withoutValueLinks(_ html: String) -> String {
    let pattern = try! NSRegularExpression(pattern: "<a class=\"value\"[^>]*>([^<]*)</a>")
    return pattern.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "$1")
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
