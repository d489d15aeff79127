import ArgumentParser
import Foundation
import Notebook

/// `lessons serve`: the site on localhost, rebuilt and reloaded as lessons are edited.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve site/ on 127.0.0.1, rebuild a lesson when its file changes, and reload the page.",
        discussion: """
            Builds first (failing lessons become error pages), then serves only the files inside \
            site/. Saving a lesson rebuilds what changed — a prose edit takes milliseconds — and \
            the open page reloads itself. Stop with Ctrl-C.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        Interruption.onInterrupt = { "\nstopped serving \(paths.relative(paths.site))" }
        let pipeline = try BuildPipeline(paths: paths, options: .init(allowFailures: true))
        rebuild(pipeline)
        try FileManager.default.createDirectory(at: paths.site, withIntermediateDirectories: true)
        let server = try StaticFileServer(root: paths.site, port: port)
        server.start()
        print("serving \(paths.relative(paths.site)) at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        fflush(nil)
        let watcher = LessonWatcher(directory: paths.lessons)
        while true {
            Thread.sleep(forTimeInterval: 0.3)
            guard watcher.changed() else { continue }
            rebuild(pipeline)
            server.generation += 1
        }
    }

    private func rebuild(_ pipeline: BuildPipeline) {
        do {
            let report = try pipeline.run(display: ProgressDisplay(live: false))
            for failure in report.failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
            for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            BuildSummary.printChanges(report.changes)
            let ran = report.outcomes.filter { !$0.fromCache }.count
            print("rebuilt: \(ran) lesson\(ran == 1 ? "" : "s") ran, \(report.outcomes.count - ran) from the cache")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        }
        fflush(nil)
    }
}
