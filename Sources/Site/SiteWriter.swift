import Foundation

/// Renders the whole site, and writes it at once (see `SiteDirectory`).
public enum SiteWriter {
    /// The stylesheet's file name; pages link it relatively.
    static let stylesheetName = "style.css"

    /// Renders `pages` and replaces `destination` with the result.
    ///
    /// - Parameter index: the lessons the index lists; `pages` if `nil`.
    @discardableResult
    public static func write(_ pages: [PageSource], index: [PageSource]? = nil, to destination: URL) throws -> SiteDirectory.Report {
        try write(render(pages, index: index).files, to: destination)
    }

    /// Replaces `destination` with `files` (path to contents) and `assets` (path to the file
    /// to copy), keeping the files the build did not make (see `SiteDirectory`).
    ///
    /// - Parameter keepingOtherFiles: whether the build's own files of the current site that
    ///   are not in `files` stay (a partial build) or go (a full build).
    @discardableResult
    public static func write(
        _ files: [String: String], assets: [String: URL] = [:], to destination: URL, keepingOtherFiles: Bool = false
    ) throws -> SiteDirectory.Report {
        try SiteDirectory(destination).replace(with: files, assets: assets, keepingBuildFiles: keepingOtherFiles)
    }

    /// The files of a site and what rendering them found.
    public struct Rendered {
        public var files: [String: String]
        /// What rendering found wrong in the lessons' text, in page order.
        public var problems: [SiteProblem]
    }

    /// Every file of the site, by name, without touching the disk.
    ///
    /// - Parameter assets: the paths (`assets/…`) of the static files the site will carry, which
    ///   the lessons may link to; every relative link is checked against them and the pages.
    public static func render(_ pages: [PageSource], index: [PageSource]? = nil, assets: Set<String> = []) -> Rendered {
        let ordered = pages.sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        let listed = (index ?? pages).sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        var rendered = Rendered(files: [
            "index.html": PageTemplate.index(listed), stylesheetName: Stylesheet.css,
            SearchPage.fileName: SearchPage.html(), SearchPage.scriptName: SearchPage.script,
        ], problems: [])
        var searchEntries: [SearchIndex.Entry] = []
        let linkTargets = Set(listed.map { "\($0.slug).html" }).union(assets).union(rendered.files.keys)
        for page in ordered {
            let body = MarkdownRenderer.render(page.markdown, allowRawHTML: page.allowRawHTML, values: page.values, linkTargets: linkTargets)
            rendered.files["\(page.slug).html"] = PageTemplate.lesson(page, rendered: body, lessons: listed)
            searchEntries += SearchIndex.entries(page: "\(page.slug).html", lessonTitle: page.title, html: body.html)
            for problem in body.problems {
                let line = problem.line < page.sourceLines.count ? page.sourceLines[problem.line] : 0
                // Numbers in what the experiments printed (tables the build inserted) are results;
                // an error page shows the lesson's text unspliced, `{{=0.01}}` literals and all.
                if problem.kind == .handTypedNumber && ((line == 0 && !page.sourceLines.isEmpty) || page.failure != nil) { continue }
                rendered.problems.append(SiteProblem(
                    path: page.sourcePath.isEmpty ? page.slug : page.sourcePath, line: line > 0 ? line : nil,
                    message: problem.message, kind: problem.kind))
            }
        }
        rendered.files[SearchIndex.fileName] = SearchIndex.script(searchEntries)
        return rendered
    }
}

/// Something rendering found wrong in a lesson's text, located at its line.
public struct SiteProblem: Equatable, Sendable, CustomStringConvertible {
    /// The lesson file (or the page's slug when it has none).
    public let path: String
    public let line: Int?
    public let message: String
    public let kind: LineProblem.Kind

    /// Raw TeX and broken links stop the build; the others are warnings (errors with `--strict`).
    public var isError: Bool { kind == .rawTeX || kind == .brokenLink }

    /// `lessons/NAME.md:LINE: message`.
    public var description: String { path + (line.map { ":\($0)" } ?? "") + ": " + message }
}
