import Foundation

/// The `site/` folder on disk, replaced in one step and without losing what the build did not
/// make.
///
/// Every file goes into a fresh directory beside the destination, which replaces the old site
/// only when all of it is written: a build that fails half-way leaves the previous site as it
/// was. The build lists the files it wrote in `site/.lessons-manifest`; a file of the old site
/// that the manifest does not list — a `CNAME`, a `.nojekyll`, an image an author dropped in
/// — was not made by the build and is carried over untouched. A build file that the build no
/// longer makes (the page of a deleted lesson) is removed, and said so by name.
public struct SiteDirectory {
    /// The manifest's file name, inside the site.
    public static let manifestName = ".lessons-manifest"

    /// What a replacement did.
    public struct Report: Equatable, Sendable {
        /// Every file the build wrote (the manifest included), sorted.
        public var written: [String] = []
        /// Files not made by the build, carried over.
        public var kept: [String] = []
        /// Files the build made before but no longer makes, removed.
        public var removed: [String] = []
        /// Files not made by the build that a file of the build now replaces.
        public var replaced: [String] = []

        public init() {}
    }

    public let destination: URL

    public init(_ destination: URL) {
        self.destination = destination
    }

    /// The manifest for a site whose build files are `paths`.
    public static func manifest(listing paths: some Collection<String>) -> String {
        Set(paths).union([manifestName]).sorted().joined(separator: "\n") + "\n"
    }

    /// The files the last build wrote, from the site's manifest; `nil` when it has none.
    public var manifestEntries: Set<String>? {
        guard let text = try? String(contentsOf: destination.appendingPathComponent(Self.manifestName), encoding: .utf8) else {
            return nil
        }
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// Every regular file under the site, as paths relative to it.
    public var existingFiles: [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: destination.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Replaces the site with `files` (texts) and `assets` (copies of source files).
    ///
    /// - Parameter keepingBuildFiles: keep the build's own files that are not among the new
    ///   ones too (a build of some lessons only).
    public func replace(with files: [String: String], assets: [String: URL], keepingBuildFiles: Bool) throws -> Report {
        let fileManager = FileManager.default
        let previousManifest = manifestEntries
        let made = Set(files.keys).union(assets.keys)
        var report = Report()
        var carried: [String] = []
        for path in existingFiles where path != Self.manifestName {
            let madeByBuild = previousManifest?.contains(path) ?? true
            if made.contains(path) {
                if !madeByBuild { report.replaced.append(path) }
            } else if !madeByBuild {
                report.kept.append(path)
                carried.append(path)
            } else if keepingBuildFiles {
                carried.append(path)
            } else {
                report.removed.append(path)
            }
        }
        let buildFiles = made.union(keepingBuildFiles ? carried.filter { previousManifest?.contains($0) ?? true } : [])
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
        func target(_ path: String) throws -> URL {
            let url = staging.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url
        }
        do {
            for path in carried {
                try fileManager.copyItem(at: destination.appendingPathComponent(path), to: try target(path))
            }
            for (path, contents) in files {
                try Data(contents.utf8).write(to: try target(path))
            }
            for (path, source) in assets {
                try fileManager.copyItem(at: source, to: try target(path))
            }
            try Data(Self.manifest(listing: buildFiles).utf8).write(to: try target(Self.manifestName))
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
        report.written = buildFiles.union([Self.manifestName]).sorted()
        return report
    }
}
