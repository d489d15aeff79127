import Foundation

/// Writes the whole site at once: every page goes into a fresh directory beside the
/// destination, which replaces the old site only when all of it is written. A build that fails
/// half-way leaves the previous site as it was.
public enum SiteWriter {
    /// The stylesheet's file name; pages link it relatively.
    static let stylesheetName = "style.css"

    /// Renders `pages` and replaces `destination` with the result.
    ///
    /// - Parameters:
    ///   - index: the lessons the index lists; `pages` if `nil`. A partial build renders some
    ///     pages but lists every lesson.
    ///   - keepingOtherFiles: whether files of the current site that are not rendered now stay
    ///     (a partial build) or go (a full build).
    /// - Returns: the files written, relative to `destination`, sorted.
    @discardableResult
    public static func write(
        _ pages: [PageSource], index: [PageSource]? = nil, to destination: URL, keepingOtherFiles: Bool = false
    ) throws -> [String] {
        var files = render(pages, index: index)
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

    /// Every file of the site, by name, without touching the disk.
    public static func render(_ pages: [PageSource], index: [PageSource]? = nil) -> [String: String] {
        let ordered = pages.sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        let listed = (index ?? pages).sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
        var files: [String: String] = [
            "index.html": PageTemplate.index(listed),
            stylesheetName: Stylesheet.css,
        ]
        for page in ordered {
            files["\(page.slug).html"] = PageTemplate.lesson(page)
        }
        return files
    }
}
