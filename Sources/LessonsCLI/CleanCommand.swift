import ArgumentParser
import Foundation

/// `lessons clean`: forget every cached result and generated program.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete the cache (.lessons-cache): cached results, generated programs and compiler caches.",
        discussion: "The next build runs every lesson. The site and the lessons are not touched."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        let lock = try BuildLock(cacheDirectory: paths.cache)
        defer { withExtendedLifetime(lock) {} }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: paths.cache.path)) ?? [] where name != "build.lock" {
            try FileManager.default.removeItem(at: paths.cache.appendingPathComponent(name))
        }
        print("removed the cached results and programs in \(paths.relative(paths.cache))")
    }
}
