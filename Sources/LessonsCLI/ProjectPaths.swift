import Foundation

/// Where a project keeps its lessons, its site and its working files.
struct ProjectPaths {
    let root: URL
    var lessons: URL { root.appendingPathComponent("lessons") }
    var site: URL { root.appendingPathComponent("site") }
    /// Generated programs, their outputs and the compiler's module cache; never committed.
    var cache: URL { root.appendingPathComponent(".lessons-cache") }

    init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL
    }

    /// `url`'s path relative to the root, as lessons are named in messages.
    func relative(_ url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
    }

    /// The lesson files, `lessons/*.md`, sorted by name.
    func lessonFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: lessons, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
