import Foundation

/// Writes the whole site at once: every page goes into a fresh directory beside the
/// destination, which replaces the old site only when all of it is written. A build that fails
/// half-way leaves the previous site as it was.
public enum SiteWriter {
    /// The stylesheet's file name; pages link it relatively.
    static let stylesheetName = "style.css"

    /// Renders `pages` and replaces `destination` with the result.
    ///
    /// - Parameter index: the lessons the index lists; `pages` if `nil`.
    /// - Returns: the files written, relative to `destination`, sorted.
    @discardableResult
    public static func write(_ pages: [PageSource], index: [PageSource]? = nil, to destination: URL) throws -> [String] {
        try write(render(pages, index: index).files, to: destination)
    }

    /// Replaces `destination` with `files` (name to contents).
    ///
    /// - Parameter keepingOtherFiles: whether files of the current site that are not in
    ///   `files` stay (a partial build) or go (a full build).
    /// - Returns: the files written, relative to `destination`, sorted.
    @discardableResult
    public static func write(_ files: [String: String], to destination: URL, keepingOtherFiles: Bool = false) throws -> [String] {
        var files = files
        let fileManager = FileManager.default
        if keepingOtherFiles, let existing = try? fileManager.contentsOfDirectory(atPath: destination.path) {
            for name in existing where files[name] == nil {
                if let contents = try? String(contentsOf: destination.appendingPathComponent(name), encoding: .utf8) {
                    files[name] = contents
                }
            }
        }
        let parent = destination.deletingLastPathComponent()
        // Staging or retired directories left by a build that was killed mid-swap; the caller
        // holds the build lock, so none of them belongs to a running build.
        for name in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix("\(destination.lastPathComponent).tmp-") || name.hasPrefix("\(destination.lastPathComponent).old-") {
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent("\(destination.lastPathComponent).tmp-\(suffix)")
        let retired = parent.appendingPathComponent("\(destination.lastPathComponent).old-\(suffix)")
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for (name, contents) in files {
                try Data(contents.utf8).write(to: staging.appendingPathComponent(name))
            }
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
            }
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            try? fileManager.removeItem(at: staging)
            if !fileManager.fileExists(atPath: destination.path) {
                try? fileManager.moveItem(at: retired, to: destination)
            }
            throw error
        }
        try? fileManager.removeItem(at: retired)
        return files.keys.sorted()
    }

    /// The files of a site and what rendering them found.
    public struct Rendered {
        public var files: [String: String]
        /// What rendering found wrong in the lessons' text, in page order.
        public var problems: [SiteProblem]
    }

    /// Every file of the site, by name, without touching the disk.
    public static func render(_ pages: [PageSource], index: [PageSource]? = nil) -> Rendered {
        let ordered = pages.sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        let listed = (index ?? pages).sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        var rendered = Rendered(files: ["index.html": PageTemplate.index(listed), stylesheetName: Stylesheet.css], problems: [])
        for page in ordered {
            let body = MarkdownRenderer.render(page.markdown, allowRawHTML: page.allowRawHTML, values: page.values)
            rendered.files["\(page.slug).html"] = PageTemplate.lesson(page, rendered: body, lessons: listed)
            for problem in body.problems {
                let line = problem.line < page.sourceLines.count ? page.sourceLines[problem.line] : 0
                // Numbers in what the experiments printed (tables the build inserted) are results.
                if line == 0 && problem.kind == .handTypedNumber && !page.sourceLines.isEmpty { continue }
                rendered.problems.append(SiteProblem(
                    path: page.sourcePath.isEmpty ? page.slug : page.sourcePath, line: line > 0 ? line : nil,
                    message: problem.message, kind: problem.kind))
            }
        }
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

    /// Raw TeX stops the build; the others are warnings (errors with `--strict`).
    public var isError: Bool { kind == .rawTeX }

    /// `lessons/NAME.md:LINE: message`.
    public var description: String { path + (line.map { ":\($0)" } ?? "") + ": " + message }
}
