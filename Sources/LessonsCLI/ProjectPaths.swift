import ArgumentParser
import Foundation
import Notebook
import Site

/// Where a project keeps its lessons, its site and its working files.
struct ProjectPaths {
    let root: URL
    var lessons: URL { root.appendingPathComponent("lessons") }
    var site: URL { root.appendingPathComponent("site") }
    /// Static files the pages use (images, a `CNAME`…), copied into the site as `assets/`.
    var assets: URL { lessons.appendingPathComponent("assets") }
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

    /// The book's references, `lessons/references.bib`.
    var bibliographyFile: URL { lessons.appendingPathComponent("references.bib") }

    /// The parsed `lessons/references.bib` (empty when there is none), or an error naming the
    /// file and the line of a syntax error.
    func bibliography() -> Result<Bibliography, LessonError> {
        parseBookFile(bibliographyFile, empty: .empty, parse: { Bibliography(try BibTeX.parse($0)) }) { error in
            (error as? BibTeXError).map { ($0.line, $0.message) }
        }
    }

    /// The book's TeX macros, `lessons/macros.tex`.
    var macrosFile: URL { lessons.appendingPathComponent("macros.tex") }

    /// The definitions of `lessons/macros.tex` (none when there is no such file), or an error
    /// naming the file and the line of a mistake.
    func macros() -> Result<TeXMacros, LessonError> {
        parseBookFile(macrosFile, empty: TeXMacros(), parse: TeXMacros.parseFile) { error in
            (error as? TeXMacros.Problem).map { ($0.line, $0.message) }
        }
    }

    /// An optional book-wide file of `lessons/`, parsed: `empty` when it does not exist, or an
    /// error naming the file (and the line, where `located` finds one in the parser's error).
    private func parseBookFile<Value>(
        _ file: URL, empty: Value, parse: (String) throws -> Value, located: (Error) -> (line: Int, message: String)?
    ) -> Result<Value, LessonError> {
        guard FileManager.default.fileExists(atPath: file.path) else { return .success(empty) }
        let path = relative(file)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .failure(LessonError(path: path, line: nil, message: "cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(LessonError(path: path, line: nil, message: "is not UTF-8 text"))
        }
        do {
            return .success(try parse(text))
        } catch {
            let place = located(error)
            return .failure(LessonError(path: path, line: place?.line, message: place?.message ?? "\(error)"))
        }
    }

    /// Every file under `lessons/assets/`, by its path in the site (`assets/…`).
    func assetFiles() -> [String: URL] {
        guard let enumerator = FileManager.default.enumerator(atPath: assets.path) else { return [:] }
        var files: [String: URL] = [:]
        while let path = enumerator.nextObject() as? String {
            let url = assets.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files["assets/" + path] = url
            }
        }
        return files
    }

    /// The lesson files, `lessons/*.md`, sorted by name.
    ///
    /// - Throws: a message naming the root when it has no `lessons/` folder.
    func lessonFiles() throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: lessons.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(root.path) has no lessons/ folder: run lessons in a project's root, or pass --root PROJECT (`lessons new \"Title\"` starts one)")
        }
        return try FileManager.default.contentsOfDirectory(at: lessons, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
