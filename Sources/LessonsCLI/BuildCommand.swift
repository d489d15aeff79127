import ArgumentParser
import Foundation
import Notebook
import Site

/// `lessons build`: execute every lesson and write the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run every lesson's experiment blocks and write the site.",
        discussion: """
            Reads lessons/*.md, runs each lesson's ```swift experiment blocks in one process, \
            puts what each block printed after it, and renders the pages into site/. The site \
            is replaced only when every lesson succeeds; on any error the previous site stays \
            as it was and the command exits non-zero.
            """
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        let pipeline = try BuildPipeline(paths: paths)
        let report = pipeline.run()
        for failure in report.failures {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
        }
        guard report.failures.isEmpty else {
            FileHandle.standardError.write(Data(
                "\(report.failures.count) of \(report.lessonCount) lessons failed; \(paths.site.path) was left unchanged.\n".utf8))
            throw ExitCode.failure
        }
        print("wrote \(report.filesWritten.count) files to \(paths.relative(paths.site))")
    }
}
