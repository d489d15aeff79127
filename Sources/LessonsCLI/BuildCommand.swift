import ArgumentParser
import Foundation
import Notebook
import Site

/// `lessons build`: execute lessons and write the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run the lessons' experiments and write the site.",
        discussion: """
            Reads lessons/*.md, runs each lesson's ```swift experiment blocks in one program, \
            puts what each block printed after it and the recorded values into the prose, and \
            renders the pages into site/. A lesson whose experiment code, settings, engine build \
            and data files are unchanged is not run again: its last result is reused, so a prose \
            edit rebuilds in well under a second. Lessons run in parallel.

            The site is replaced in one step only when every lesson succeeds; otherwise the \
            previous site stays as it was and the command exits non-zero after building every \
            lesson it can. Lesson files are never modified.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "Lessons to build (for example lessons/01-recurrent-networks.md); all if none. Other pages are left as they are.")
    var files: [String] = []

    @Flag(help: "Run the selected lessons even if their cached results are valid.")
    var force = false

    @Flag(help: "Write the site even if lessons fail, showing each failing lesson as an error page.")
    var allowFailures = false

    @OptionGroup var checks: CheckOptions

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        var options = BuildPipeline.Options(
            force: force, allowFailures: allowFailures, strict: checks.strict, watchTolerance: checks.watchTolerance)
        if !files.isEmpty { options.only = files.map { paths.relative(URL(fileURLWithPath: $0, relativeTo: paths.root)) } }
        let pipeline = try BuildPipeline(paths: paths, options: options)
        let display = ProgressDisplay()
        let report = try pipeline.run(display: display)
        print(BuildSummary.table(report.outcomes, failures: report.failures))
        BuildSummary.printChanges(report.changes)
        for warning in report.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        for failure in report.failures {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
        }
        if report.siteWritten {
            let site = paths.relative(paths.site)
            print("wrote \(report.written.written.count) files to \(site)")
            for path in report.written.removed { print("removed \(site)/\(path): the build made it before and makes it no more") }
            for path in report.written.replaced { print("replaced \(site)/\(path), which the build had not made, with the build's own") }
            if !report.written.kept.isEmpty {
                print("kept \(report.written.kept.count) file\(report.written.kept.count == 1 ? "" : "s") the build did not make: "
                      + report.written.kept.map { "\(site)/\($0)" }.joined(separator: ", "))
            }
        }
        guard report.failures.isEmpty else {
            let unchanged = report.siteWritten ? "the site shows them as error pages" : "\(paths.relative(paths.site)) was left unchanged"
            FileHandle.standardError.write(Data(
                "\(report.failures.count) problem\(report.failures.count == 1 ? "" : "s") in the lessons; \(unchanged).\n".utf8))
            throw ExitCode.failure
        }
    }
}
