import Foundation
import Notebook

/// The table printed at the end of a build: each lesson, how long it took and whether its
/// result came from the cache; then the errors.
enum BuildSummary {
    /// - Parameter failures: every problem of the build; a lesson with any of them is FAILED,
    ///   also when its program ran (a bad `{{value}}`, raw TeX).
    static func table(_ outcomes: [BuildPipeline.Outcome], failures: [LessonError] = []) -> String {
        let failedPaths = Set(failures.map(\.path))
        guard !outcomes.isEmpty else { return "no lessons to build" }
        let width = max("lesson".count, outcomes.map(\.path.count).max() ?? 0)
        var lines = ["lesson".padding(toLength: width, withPad: " ", startingAt: 0) + "  result   time    source"]
        for outcome in outcomes.sorted(by: { $0.path < $1.path }) {
            let result = (try? outcome.result.get()) == nil || failedPaths.contains(outcome.path) ? "FAILED" : "ok    "
            let time = outcome.fromCache ? "    -  " : String(format: "%5.1f s", outcome.seconds)
            lines.append(outcome.path.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "  \(result)   \(time)  \(outcome.fromCache ? "cache" : "ran")")
        }
        return lines.joined(separator: "\n")
    }

    /// The values that moved since each lesson's previous successful run, one per line with
    /// old and new values and the `record` line.
    static func printChanges(_ changes: [ValueWatch.Change]) {
        guard !changes.isEmpty else { return }
        let lessons = Set(changes.map(\.path)).count
        print("\(changes.count) recorded value\(changes.count == 1 ? "" : "s") moved since the previous run "
              + "(\(lessons) lesson\(lessons == 1 ? "" : "s")):")
        for change in changes { print("  \(change)") }
    }
}
