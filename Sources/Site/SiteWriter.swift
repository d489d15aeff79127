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
        /// Every link to another site, by lesson and line (for `lessons check --links`).
        public var externalLinks: [(path: String, line: Int?, url: String)] = []
    }

    /// Every file of the site, by name, without touching the disk.
    ///
    /// Two passes: each page is rendered with its own labels numbered, then, with every
    /// lesson's labels known, each page's cross-references, citations and links to anchors are
    /// resolved, and a page that cites gets its reference list.
    ///
    /// - Parameters:
    ///   - index: the lessons the index lists; `pages` if `nil`. In a partial build these carry
    ///     their unexecuted Markdown, so that labels and anchors in lessons not rebuilt are known.
    ///   - assets: the paths (`assets/…`) of the static files the site will carry, which the
    ///     lessons may link to; every relative link is checked against them and the pages.
    ///   - bibliography: `lessons/references.bib`, for citations.
    ///   - macros: `lessons/macros.tex`, the TeX macros every page starts with.
    ///   - previousSearchIndex: in a partial build, the current site's `search-index.js`, whose
    ///     entries for the pages not rebuilt are kept (their pages are kept too).
    public static func render(
        _ pages: [PageSource], index: [PageSource]? = nil, assets: Set<String> = [], bibliography: Bibliography = .empty,
        macros: TeXMacros = TeXMacros(), previousSearchIndex: String? = nil
    ) -> Rendered {
        let inOrder: (PageSource, PageSource) -> Bool = { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        let ordered = pages.sorted(by: inOrder)
        let listed = (index ?? pages).sorted(by: inOrder)
        var rendered = Rendered(files: [
            "index.html": PageTemplate.index(listed, hasBibliography: !bibliography.entries.isEmpty), stylesheetName: Stylesheet.css,
            SearchPage.fileName: SearchPage.html(), SearchPage.scriptName: SearchPage.script,
        ], problems: [])
        if !bibliography.entries.isEmpty { rendered.files[BibliographyPage.fileName] = "" }
        let linkTargets = Set(listed.map { "\($0.slug).html" }).union(assets).union(rendered.files.keys)
        // Curriculum order, whichever pages were rebuilt: a partial build writes what a full one would.
        let position = Dictionary(listed.enumerated().map { ("\($0.element.slug).html", $0.offset) }, uniquingKeysWith: { first, _ in first })
        func report(_ problem: LineProblem, on page: PageSource) {
            let line = page.lessonLine(problem.line)
            // Numbers in what the experiments printed (tables the build inserted) are results;
            // an error page shows the lesson's text unspliced, `{{=0.01}}` literals and all.
            if problem.kind == .handTypedNumber && ((line == nil && !page.sourceLines.isEmpty) || page.failure != nil) { return }
            rendered.problems.append(SiteProblem(path: page.displayPath, line: line, message: problem.message, kind: problem.kind))
        }
        func place(_ page: PageSource) -> (Int) -> String {
            { line in page.displayPath + (page.lessonLine(line).map { ":\($0)" } ?? "") }
        }

        // Pass 1: every page, and the labels and anchors of lessons not rebuilt this time.
        var bodies: [RenderedMarkdown] = []
        var book = BookReferences(bibliography: bibliography)
        var anchors: [String: Set<String>] = [:]
        for page in ordered {
            var body = MarkdownRenderer.render(page.markdown, allowRawHTML: page.allowRawHTML, values: page.values,
                                               linkTargets: linkTargets, chapter: page.order, macros: macros)
            body.problems += book.define(body.labels, page: "\(page.slug).html", place: place(page))
            anchors["\(page.slug).html"] = Self.anchors(in: body.html)
            bodies.append(body)
        }
        let rebuilt = Set(ordered.map(\.slug))
        var citedBy: [String: [PageSource]] = [:]
        for page in listed where !rebuilt.contains(page.slug) && !page.markdown.isEmpty {
            let body = MarkdownRenderer.render(page.markdown, allowRawHTML: page.allowRawHTML, chapter: page.order, macros: macros)
            _ = book.define(body.labels, page: "\(page.slug).html", place: place(page))
            anchors["\(page.slug).html"] = Self.anchors(in: body.html)
            // Citations are in the prose, so the lesson's text says what its page cites.
            for key in Set(body.references.flatMap { $0.items.map(\.key) }) where bibliography.entry(key) != nil {
                citedBy[key, default: []].append(page)
            }
        }

        // Pass 2: references, citations, anchors; then the pages.
        var searchEntries = SearchIndex.entries(fromScript: previousSearchIndex ?? "").filter { entry in
            !rebuilt.contains(String(entry.page.dropLast(".html".count))) && position[entry.page] != nil
        }
        for (page, first) in zip(ordered, bodies) {
            let file = "\(page.slug).html"
            var body = first
            let resolved = book.resolve(body.references, in: body.html, page: file)
            body.html = resolved.html
            body.problems += resolved.problems
            if !resolved.cited.isEmpty {
                let taken = anchors[file] ?? []
                let anchor = taken.contains("references") ? "lesson-references" : "references"
                body.html += book.referenceList(resolved.cited, anchor: anchor)
                body.headings.append(Heading(level: 2, id: anchor, text: "References"))
                anchors[file, default: []].insert(anchor)
                for key in resolved.cited { citedBy[key, default: []].append(page) }
            }
            for link in body.anchorLinks {
                if let problem = Self.anchorProblem(link.url, from: file, anchors: anchors) {
                    body.problems.append(LineProblem(line: link.line, kind: .brokenLink, message: problem))
                }
            }
            rendered.files[file] = PageTemplate.lesson(page, rendered: body, lessons: listed)
            searchEntries += SearchIndex.entries(page: file, lessonTitle: page.title, html: body.html)
            for problem in body.problems.sorted(by: { ($0.line, $0.message) < ($1.line, $1.message) }) { report(problem, on: page) }
            for link in body.externalLinks {
                rendered.externalLinks.append((page.displayPath, page.lessonLine(link.line), link.url))
            }
        }
        searchEntries = searchEntries.enumerated().sorted {
            (position[$0.element.page] ?? Int.max, $0.offset) < (position[$1.element.page] ?? Int.max, $1.offset)
        }.map { $0.element }
        rendered.files[SearchIndex.fileName] = SearchIndex.script(searchEntries)
        if !bibliography.entries.isEmpty {
            citedBy = citedBy.mapValues { pages in pages.sorted { (position["\($0.slug).html"] ?? Int.max) < (position["\($1.slug).html"] ?? Int.max) } }
            rendered.files[BibliographyPage.fileName] = BibliographyPage.html(bibliography, citedBy: citedBy)
        }
        return rendered
    }

    /// The `id`s of a page's elements.
    static func anchors(in html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = Substring(html)
        while let range = rest.range(of: " id=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(HTMLText.unescaped(String(rest[..<end])))
            rest = rest[end...]
        }
        return ids
    }

    /// Why `url` (relative, with a `#fragment`) lands on no element, or `nil`. Links into
    /// files that are not pages (assets) are not checked.
    static func anchorProblem(_ url: String, from page: String, anchors: [String: Set<String>]) -> String? {
        guard let hash = url.firstIndex(of: "#") else { return nil }
        let pathPart = String(url[..<hash].prefix { $0 != "?" })
        let path = pathPart.isEmpty ? page : (pathPart.removingPercentEncoding ?? pathPart)
        let fragment = String(url[url.index(after: hash)...])
        let decoded = fragment.removingPercentEncoding ?? fragment
        guard !decoded.isEmpty, let ids = anchors[path] else { return nil }
        if ids.contains(decoded) { return nil }
        let close = ids.filter { $0.hasPrefix(String(decoded.prefix(6))) }.sorted().prefix(3)
        return "the link to `\(url)` goes nowhere: \(path == page ? "this page" : path) has no anchor `\(decoded)`"
            + (close.isEmpty ? "" : " (it has \(close.map { "`\($0)`" }.joined(separator: ", ")))")
    }
}

public struct SiteProblem: Equatable, Sendable, CustomStringConvertible {
    /// The lesson file (or the page's slug when it has none).
    public let path: String
    public let line: Int?
    public let message: String
    public let kind: LineProblem.Kind

    /// Raw TeX and broken links stop the build; the others are warnings (errors with `--strict`).
    public var isError: Bool { kind == .rawTeX || kind == .brokenLink || kind == .badReference }

    /// `lessons/NAME.md:LINE: message`.
    public var description: String { path + (line.map { ":\($0)" } ?? "") + ": " + message }
}
