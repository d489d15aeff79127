import Foundation
import Notebook

/// The table printed at the end of a build: each lesson, how long it took and whether its
/// result came from the cache; then the errors.
enum BuildSummary {
    static func table(_ outcomes: [BuildPipeline.Outcome]) -> String {
        guard !outcomes.isEmpty else { return "no lessons to build" }
        let width = max("lesson".count, outcomes.map(\.path.count).max() ?? 0)
        var lines = ["lesson".padding(toLength: width, withPad: " ", startingAt: 0) + "  result   time    source"]
        for outcome in outcomes.sorted(by: { $0.path < $1.path }) {
            let result = (try? outcome.result.get()) == nil ? "FAILED" : "ok    "
            let time = outcome.fromCache ? "    -  " : String(format: "%5.1f s", outcome.seconds)
            lines.append(outcome.path.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "  \(result)   \(time)  \(outcome.fromCache ? "cache" : "ran")")
        }
        return lines.joined(separator: "\n")
    }
}
