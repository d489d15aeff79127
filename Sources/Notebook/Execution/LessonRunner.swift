import Foundation
import LessonKit

/// Compiles and runs a lesson's experiment program and collects what each block printed.
public struct LessonRunner: Sendable {
    public let toolchain: Toolchain
    /// The project root: programs run there so lessons can read `lessons/data/...`.
    public let projectRoot: URL
    /// Where each lesson gets a working directory for its program and its output files.
    public let workDirectory: URL

    /// Seconds a lesson may run when its front matter sets no `timeout`.
    public static let defaultTimeLimit: Double = 600
    /// Bytes of output kept per block; beyond this the output is cut with a note.
    public static let outputLimit = 256 * 1024
    /// Bytes a lesson's program may write to any one file, its output included; past it the
    /// program is stopped. Far above what a page can show, far below what fills a disk.
    public static let fileSizeLimit = 32 * 1024 * 1024

    /// Where each lesson's program is written and run: `workDirectory` unless given (so that
    /// `lessons run` and a build working on the same lesson never share files).
    public let programDirectory: URL

    public init(toolchain: Toolchain, projectRoot: URL, workDirectory: URL, programDirectory: URL? = nil) {
        self.toolchain = toolchain
        self.projectRoot = projectRoot
        self.workDirectory = workDirectory
        self.programDirectory = programDirectory ?? workDirectory
    }

    /// The compiler's module cache. Precompiled modules record the absolute path of their cache
    /// and of the engine's headers, so the folder is named after those paths: a project moved
    /// or copied elsewhere, or run by another build of `lessons`, starts a cache of its own
    /// instead of failing on the old one.
    public var moduleCache: URL {
        var hash = ContentHash()
        hash.add(workDirectory.standardizedFileURL.path)
        hash.add(toolchain.runtimeDirectory)
        hash.add(toolchain.moduleDirectory)
        hash.add(toolchain.compiler)
        return workDirectory.appendingPathComponent("module-cache-" + hash.hex)
    }

    /// Deletes module caches of other locations that have not been used for a day (left by a
    /// move or another build of `lessons`).
    public func pruneModuleCaches() {
        let fileManager = FileManager.default
        let current = moduleCache.lastPathComponent
        for name in (try? fileManager.contentsOfDirectory(atPath: workDirectory.path)) ?? []
        where name.hasPrefix("module-cache") && name != current {
            let url = workDirectory.appendingPathComponent(name)
            let modified = (try? fileManager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
            if Date().timeIntervalSince(modified) > 86_400 { try? fileManager.removeItem(at: url) }
        }
    }

    /// The seed experiments read as `lessonSeed` when the front matter sets none.
    public static let defaultSeed: UInt64 = 0

    /// What a lesson's results depend on: its experiment and exercise code, its execution settings, the
    /// engine and LessonKit build, and the compiler. Prose is not part of it, so prose edits
    /// never re-run experiments. (Data files are checked separately, by content.)
    public func cacheKey(for lesson: Lesson) -> String {
        var hash = ContentHash()
        hash.add("lesson-result v2")
        hash.add(toolchain.identity)
        hash.add(lesson.path)
        hash.add("seed \(lesson.frontMatter.seed ?? Self.defaultSeed) timeout \(lesson.frontMatter.timeout ?? Self.defaultTimeLimit)")
        for block in lesson.blocks {
            hash.add(block.code)
        }
        // Added only when there are exercises, so lessons without any keep their old keys.
        for exercise in lesson.exercises {
            hash.add("exercise after block \(exercise.blocksBefore)")
            hash.add(exercise.starter.code)
            hash.add(exercise.solution?.code ?? "no solution")
            hash.add(exercise.checks.code)
        }
        return hash.hex
    }

    /// What a lesson is doing, for a progress display.
    public enum Status: Equatable, Sendable {
        case compiling
        /// Running block `block` (0-based; `nil` before the first), with the latest progress
        /// report of a loop in it, if any.
        case running(block: Int?, progress: (label: String, done: Int, total: Int)?)

        public static func == (lhs: Status, rhs: Status) -> Bool {
            switch (lhs, rhs) {
            case (.compiling, .compiling): true
            case let (.running(a, p), .running(b, q)): a == b && p?.label == q?.label && p?.done == q?.done && p?.total == q?.total
            default: false
            }
        }
    }

    /// Runs every experiment block of `lesson` in one process, in order.
    ///
    /// - Parameter status: called as the lesson compiles and moves from block to block.
    /// - Throws: `LessonError` located at the failing line: a compiler error, a block that
    ///   trapped or exited early, a false claim, or a lesson that ran out of time.
    ///
    /// - Parameter checkClaims: whether a false claim is an error (`lessons run` shows the
    ///   outputs first and reports the claims after).
    /// - Parameter live: receives the program's output as terminal text while it runs (see
    ///   `LiveTranscript`), with `true` for standard error.
    public func run(
        _ lesson: Lesson, checkClaims: Bool = true, status: (@Sendable (Status) -> Void)? = nil,
        live: (@Sendable (_ text: String, _ isError: Bool) -> Void)? = nil
    ) throws(LessonError) -> ExecutedLesson {
        if lesson.blocks.isEmpty && lesson.exercises.isEmpty { return ExecutedLesson(lesson: lesson, outputs: []) }
        let directory = programDirectory.appendingPathComponent(lesson.slug)
        let files = ProgramFiles(directory: directory)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ExperimentProgram(lesson: lesson).source.write(toFile: files.source, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: files.channel)
        } catch {
            throw LessonError(path: lesson.path, line: nil, message: "cannot write the experiment program to \(directory.path): \(error)")
        }
        status?(.compiling)
        try compile(lesson, files: files)
        return try execute(lesson, files: files, checkClaims: checkClaims, status: status, live: live)
    }

    private func compile(_ lesson: Lesson, files: ProgramFiles) throws(LessonError) {
        let compiler = ChildProcess(
            supervisor: toolchain.supervisor, executable: toolchain.compiler,
            arguments: [
                // -assert-config Debug keeps the standard library's trap messages ("Index out
                // of range") that -O alone drops; the engine itself is optimised separately.
                "-O", "-assert-config", "Debug", "-diagnostic-style=llvm",
                "-module-cache-path", moduleCache.path,
                "-I", toolchain.moduleDirectory]
                + Toolchain.vectorFlags
                + toolchain.clangModuleMaps.flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] } + [
                "-L", toolchain.runtimeDirectory, "-l\(Toolchain.runtimeLibrary)",
                "-Xlinker", "-rpath", "-Xlinker", toolchain.runtimeDirectory,
                files.source, "-o", files.executable,
            ],
            workingDirectory: projectRoot.path,
            standardOutput: files.compilerOutput, standardError: files.compilerOutput)
        let termination: ChildProcess.Termination
        do {
            termination = try compiler.run()
        } catch {
            throw LessonError(path: lesson.path, line: nil, message: "\(error)")
        }
        guard termination != .exited(0) else { return }
        let diagnostics = (try? String(contentsOfFile: files.compilerOutput, encoding: .utf8)) ?? ""
        throw CompilerDiagnostics(output: diagnostics, lessonPath: lesson.path).error
    }

    private func execute(
        _ lesson: Lesson, files: ProgramFiles, checkClaims: Bool, status: (@Sendable (Status) -> Void)?,
        live: (@Sendable (String, Bool) -> Void)?
    ) throws(LessonError) -> ExecutedLesson {
        let timeLimit = lesson.frontMatter.timeout ?? Self.defaultTimeLimit
        var program = ChildProcess(
            supervisor: toolchain.supervisor, executable: files.executable, arguments: [],
            environment: [
                OutputChannel.environmentVariable: files.channel,
                ExperimentSession.seedVariable: String(lesson.frontMatter.seed ?? Self.defaultSeed),
                // The runtime's interactive backtracer is slow and its report is about the
                // generated program; the trap message already names the lesson line.
                "SWIFT_BACKTRACE": "enable=no",
            ],
            workingDirectory: projectRoot.path,
            standardOutput: files.standardOutput, standardError: files.standardError,
            timeLimit: timeLimit, fileSizeLimit: Self.fileSizeLimit)
        let transcript = live.map { LiveTranscript(lesson: lesson, files: files, write: $0) }
        let watcher = status.map { _ in ChannelWatcher(path: files.channel) }
        status?(.running(block: nil, progress: nil))
        if status != nil || transcript != nil {
            program.onTick = {
                if let status, let watcher { status(watcher.status()) }
                transcript?.poll()
            }
        }
        let started = Date()
        let termination: ChildProcess.Termination
        do {
            termination = try program.run()
        } catch {
            throw LessonError(path: lesson.path, line: nil, message: "\(error)")
        }
        let elapsed = Date().timeIntervalSince(started)
        transcript?.poll()
        let programTranscript = ProgramTranscript(
            standardOutput: (try? Data(contentsOf: URL(fileURLWithPath: files.standardOutput))) ?? Data(),
            standardError: (try? Data(contentsOf: URL(fileURLWithPath: files.standardError))) ?? Data(),
            events: ChannelFile.events(at: files.channel))
        // What the page needs is in the transcript now; the files may be large.
        for file in [files.standardOutput, files.standardError, files.channel] { try? FileManager.default.removeItem(atPath: file) }
        return try programTranscript.outcome(
            of: lesson, termination: termination, elapsed: elapsed, timeLimit: timeLimit, outputLimit: Self.outputLimit,
            checkClaims: checkClaims)
    }
}

/// The files of one lesson's program run, in its working directory.
struct ProgramFiles {
    let directory: URL
    var source: String { directory.appendingPathComponent("main.swift").path }
    var executable: String { directory.appendingPathComponent("experiment").path }
    var compilerOutput: String { directory.appendingPathComponent("compiler.txt").path }
    var standardOutput: String { directory.appendingPathComponent("stdout.txt").path }
    var standardError: String { directory.appendingPathComponent("stderr.txt").path }
    var channel: String { directory.appendingPathComponent("channel.jsonl").path }
}
