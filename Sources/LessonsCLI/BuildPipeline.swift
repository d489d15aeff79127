import Foundation
import Notebook
import Site

/// The build as named steps: find lessons, parse, execute, splice outputs, write the site.
/// Every failure is collected with the lesson it belongs to; the site is written only if
/// there are none.
struct BuildPipeline {
    let paths: ProjectPaths
    let runner: LessonRunner

    struct Report {
        var lessonCount = 0
        var failures: [String] = []
        var filesWritten: [String] = []
    }

    init(paths: ProjectPaths) throws {
        self.paths = paths
        runner = LessonRunner(
            toolchain: try Toolchain.locate(), projectRoot: paths.root,
            workDirectory: paths.cache.appendingPathComponent("work"))
    }

    func run() -> Report {
        var report = Report()
        let files: [URL]
        do {
            files = try paths.lessonFiles()
        } catch {
            report.failures.append("cannot list \(paths.relative(paths.lessons)): \(error.localizedDescription)")
            return report
        }
        report.lessonCount = files.count
        var pages: [PageSource] = []
        for file in files {
            let started = Date()
            do {
                let executed = try execute(file)
                pages.append(try page(for: executed))
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                print("ran \(executed.lesson.path) (\(executed.lesson.blocks.count) blocks, \(seconds) s)")
            } catch {
                report.failures.append("\(error)")
            }
        }
        guard report.failures.isEmpty else { return report }
        do {
            report.filesWritten = try SiteWriter.write(pages, to: paths.site)
        } catch {
            report.failures.append("cannot write \(paths.relative(paths.site)): \(error.localizedDescription)")
        }
        return report
    }

    private func execute(_ file: URL) throws -> ExecutedLesson {
        let path = paths.relative(file)
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw LessonError(path: path, line: nil, message: "cannot read the lesson: \(error.localizedDescription)")
        }
        let lesson = try Lesson(text: text, path: path)
        return try runner.run(lesson)
    }

    private func page(for executed: ExecutedLesson) throws -> PageSource {
        let frontMatter = executed.lesson.frontMatter
        return PageSource(
            slug: executed.lesson.slug, title: frontMatter.title, summary: frontMatter.summary,
            order: frontMatter.order, markdown: try OutputSplicer.markdown(for: executed))
    }
}
