import Foundation
import Notebook
import Site

extension BuildPipeline {
    struct Report {
        var outcomes: [Outcome] = []
        var failures: [LessonError] = []
        /// What writing the site did: the files written, and those kept, removed or replaced.
        var written = SiteDirectory.Report()
        /// The site's files as rendered, also when nothing was written.
        var renderedFiles: [String: String] = [:]
        /// The static files the site carries, by their path in it.
        var assets: [String: URL] = [:]
        /// Problems that did not stop the build (hand-typed results, unsupported TeX), with
        /// their lesson lines.
        var warnings: [SiteProblem] = []
        /// Every link to another site, by lesson line (`lessons check --links`).
        var externalLinks: [(path: String, line: Int?, url: String)] = []
        /// Recorded values that moved since each lesson's previous successful run.
        var changes: [ValueWatch.Change] { outcomes.flatMap(\.changes) }
        var siteWritten = false
    }

    /// The whole build. With `writeSite` false the site is rendered but not written (for
    /// `lessons check`).
    func run(display: ProgressDisplay, writeSite: Bool = true) throws -> Report {
        let lock = try BuildLock(cacheDirectory: paths.cache)
        defer { withExtendedLifetime(lock) {} }
        runner.pruneModuleCaches()
        var report = Report()
        let parsed = try parseLessons()
        if let only = options.only {
            let known = Set(parsed.map(\.path))
            for path in only where !known.contains(path) {
                report.failures.append(LessonError(path: path, line: nil, message: "no such lesson (lessons are lessons/*.md)"))
            }
        }
        let selected = parsed.filter { options.only?.contains($0.path) ?? true }
        var lessons: [Lesson] = []
        for entry in selected {
            switch entry.lesson {
            case .success(let lesson): lessons.append(lesson)
            case .failure(let error): report.failures.append(error)
            }
        }
        report.outcomes = execute(lessons, display: display)
        display.stop()

        var pages: [PageSource] = []
        for outcome in report.outcomes {
            guard let lesson = outcome.lesson else { continue }
            switch page(for: lesson, result: outcome.result) {
            case .success(let page):
                pages.append(page)
            case .failure(let error):
                report.failures.append(error)
                if options.allowFailures { pages.append(errorPage(for: lesson, error: error)) }
            }
        }
        // The index lists every lesson that parses, also those not rebuilt in a partial build,
        // with its text, so that links and references into it can be checked.
        let index = parsed.compactMap { entry -> PageSource? in
            guard case .success(let lesson) = entry.lesson else { return nil }
            return PageSource(slug: lesson.slug, title: lesson.frontMatter.title, summary: lesson.frontMatter.summary,
                              order: lesson.frontMatter.order, markdown: lesson.lines[(lesson.bodyStartLine - 1)...].joined(separator: "\n"),
                              allowRawHTML: lesson.frontMatter.allowsRawHTML, sourcePath: lesson.path)
        }
        // The site's own static files (the math font), then the author's `lessons/assets/`.
        report.assets = StaticFiles.files.merging(paths.assetFiles()) { _, authors in authors }
        var bibliography = Bibliography.empty
        switch paths.bibliography() {
        case .success(let parsed): bibliography = parsed
        case .failure(let error):
            report.failures.append(error)
            bibliography = .unreadable
        }
        var macros = TeXMacros()
        switch paths.macros() {
        case .success(let parsed): macros = parsed
        case .failure(let error): report.failures.append(error)
        }
        // A partial build keeps the other pages, so it keeps their search entries too.
        let previousSearchIndex = options.only == nil ? nil
            : try? String(contentsOf: paths.site.appendingPathComponent("search-index.js"), encoding: .utf8)
        let rendered = SiteWriter.render(pages, index: index, assets: Set(report.assets.keys), bibliography: bibliography,
                                         macros: macros, previousSearchIndex: previousSearchIndex)
        report.renderedFiles = rendered.files
        report.externalLinks = rendered.externalLinks
        for problem in rendered.problems {
            if problem.isError || options.strict {
                report.failures.append(LessonError(path: problem.path, line: problem.line, message: problem.message))
            } else {
                report.warnings.append(problem)
            }
        }
        report.failures.sort { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        guard writeSite, report.failures.isEmpty || options.allowFailures else { return report }
        report.written = try SiteWriter.write(rendered.files, assets: report.assets, to: paths.site, keepingOtherFiles: options.only != nil)
        report.siteWritten = true
        return report
    }
}
