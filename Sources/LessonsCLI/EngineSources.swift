import Foundation
import Notebook

/// A digest of the sources of the engine (with its wide kernels and C support) and LessonKit,
/// shown on every page as the engine the numbers came from. Sources rather than the built
/// library: the library's bytes depend on where it was built (paths are embedded), and the
/// page must be the same wherever the site is built.
enum EngineSources {
    static let modules = ["Recurrent", "WideKernels", "CEngineSupport", "LessonKit"]

    /// The digest of those modules' sources in the package the `lessons` tool was built from
    /// (found by walking up from the executable), 8 hex digits; `unknown` if the sources are
    /// not there.
    static let digest: String = {
        guard let root = packageRoot() else { return "unknown" }
        var hash = ContentHash()
        for module in modules {
            let directory = root.appendingPathComponent("Sources/\(module)")
            guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { continue }
            let files = enumerator.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".c") || $0.hasSuffix(".h") }.sorted()
            for file in files {
                hash.add("\(module)/\(file)")
                hash.add(FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) ?? Data())
            }
        }
        return String(hash.hex.prefix(8))
    }()

    private static func packageRoot() -> URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: directory.appendingPathComponent("Sources/Recurrent").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
