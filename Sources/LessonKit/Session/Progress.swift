import Foundation

/// Progress of a long training loop: live in a terminal, absent from the rendered page.
///
///     let progress = Progress("training", total: epochs)
///     for epoch in 0..<epochs { ...; progress.advance() }
///
/// Reports are sent at most ten times a second, and always for the last step.
public final class Progress {
    public let label: String
    public let total: Int
    public private(set) var done = 0
    private var lastReport = Date.distantPast

    public init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Counts `steps` more steps done.
    public func advance(by steps: Int = 1) {
        done += steps
        let now = Date()
        if done >= total || now.timeIntervalSince(lastReport) >= 0.1 {
            lastReport = now
            ExperimentSession.progress(label, done: min(done, total), total: total)
        }
    }
}
