import ArgumentParser
import Foundation
import Notebook
import Site

/// `lessons check`: prove the committed site is what the code produces.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run every lesson without the cache and fail if site/ differs from what they produce.",
        discussion: """
            Nothing is written: neither the site nor the cache. Lists every file of site/ that \
            differs, is missing or should not be there, and for each page the values in its prose \
            that changed; before that, the recorded values that moved since each lesson's last \
            successful build. CI runs this so the committed site can never drift from the code.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Use cached results where they are valid instead of re-running (for a check right after a clean build).")
    var useCache = false

    @OptionGroup var checks: CheckOptions

    @Flag(help: "Only list every link to another site, as lesson:line: URL, without running anything or using the network.")
    var links = false

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        if links { return try listExternalLinks(paths) }
        let pipeline = try BuildPipeline(paths: paths, options: .init(
            force: !useCache, writeCache: false, strict: checks.strict, watchTolerance: checks.watchTolerance))
        let report = try pipeline.run(display: ProgressDisplay(), writeSite: false)
        BuildSummary.printChanges(report.changes)
        for warning in report.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        for failure in report.failures {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
        }
        guard report.failures.isEmpty else {
            FileHandle.standardError.write(Data("check failed: \(report.failures.count) lesson problem(s)\n".utf8))
            throw ExitCode.failure
        }
        var expected = report.renderedFiles.mapValues { Data($0.utf8) }
        for (path, source) in report.assets { expected[path] = (try? Data(contentsOf: source)) ?? Data() }
        expected[SiteDirectory.manifestName] = Data(SiteDirectory.manifest(listing: expected.keys).utf8)
        let differences = Self.differences(expected: expected, in: paths.site)
        guard differences.isEmpty else {
            FileHandle.standardError.write(Data((
                ["\(paths.relative(paths.site)) differs from what the lessons produce (run `lessons build` and commit):"]
                + differences.map { "  \($0)" }).joined(separator: "\n").utf8 + Data("\n".utf8)))
            throw ExitCode.failure
        }
        print("\(paths.relative(paths.site)) matches what the lessons produce (\(expected.count) files)")
    }

    /// `lessons check --links`: every external link of the lessons' prose, read from their text
    /// (links are never in experiment output), so nothing runs and nothing is fetched.
    func listExternalLinks(_ paths: ProjectPaths) throws {
        let pipeline = try BuildPipeline(paths: paths, options: .init(force: false, writeCache: false))
        var pages: [PageSource] = []
        for entry in try pipeline.parseLessons() {
            guard case .success(let lesson) = entry.lesson else { continue }
            let body = lesson.lines[(lesson.bodyStartLine - 1)...]
            pages.append(PageSource(slug: lesson.slug, title: lesson.frontMatter.title, summary: nil, order: lesson.frontMatter.order,
                                    markdown: body.joined(separator: "\n"), allowRawHTML: lesson.frontMatter.allowsRawHTML,
                                    sourcePath: lesson.path, sourceLines: Array(lesson.bodyStartLine..<(lesson.bodyStartLine + body.count))))
        }
        let rendered = SiteWriter.render(pages, bibliography: (try? paths.bibliography().get()) ?? .empty,
                                         macros: (try? paths.macros().get()) ?? TeXMacros())
        for link in rendered.externalLinks.sorted(by: { ($0.path, $0.line ?? 0, $0.url) < ($1.path, $1.line ?? 0, $1.url) }) {
            print("\(link.path)\(link.line.map { ":\($0)" } ?? ""): \(link.url)")
        }
        print("\(rendered.externalLinks.count) external link(s); none was fetched")
    }

    /// One line per file that is missing, extra or different. Files the build did not make
    /// (not in the committed manifest) are the author's business and are not compared.
    static func differences(expected: [String: Data], in directory: URL) -> [String] {
        let site = SiteDirectory(directory)
        let present = Set(site.existingFiles)
        let madeByBuild = site.manifestEntries ?? present
        var lines: [String] = []
        for name in Set(expected.keys).union(present.intersection(madeByBuild)).sorted() {
            guard let contents = expected[name] else {
                lines.append("extra:     \(name)")
                continue
            }
            guard present.contains(name) else {
                lines.append("missing:   \(name)")
                continue
            }
            let actual = try? Data(contentsOf: directory.appendingPathComponent(name))
            if actual != contents {
                lines.append("differs:   \(name)")
                if name.hasSuffix(".html"), let actual {
                    lines += PageValueDifferences.differences(
                        page: name, committed: String(decoding: actual, as: UTF8.self), rendered: String(decoding: contents, as: UTF8.self))
                        .map { "  " + $0 }
                }
            }
        }
        return lines
    }
}
