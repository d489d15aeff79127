import Foundation
import Notebook

/// What the build shows while lessons run. In a terminal: one live line per running lesson
/// with its current block, elapsed time and an estimate from the last run. Elsewhere (CI, a
/// pipe): plain lines as lessons start and finish.
final class ProgressDisplay: @unchecked Sendable {
    struct Running {
        let path: String
        let blockLines: [Int]
        let started: Date
        let estimate: Double?
        var status: LessonRunner.Status
    }

    private let lock = NSLock()
    private let live: Bool
    private var running: [String: Running] = [:]
    private var order: [String] = []
    private var linesDrawn = 0
    private var timer: DispatchSourceTimer?

    init(live: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["CI"] == nil) {
        self.live = live
        if live {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now(), repeating: .milliseconds(200))
            timer.setEventHandler { [weak self] in self?.redraw() }
            timer.resume()
            self.timer = timer
        }
    }

    deinit {
        timer?.cancel()
    }

    func started(_ lesson: Lesson, estimate: Double?) {
        lock.withLock {
            running[lesson.path] = Running(
                path: lesson.path, blockLines: lesson.blocks.map(\.fenceLine), started: Date(), estimate: estimate,
                status: .compiling)
            order.append(lesson.path)
        }
        if !live { say("running \(lesson.path)" + (estimate.map { " (last run took \(Self.seconds($0)))" } ?? "")) }
    }

    func update(_ path: String, _ status: LessonRunner.Status) {
        lock.withLock { running[path]?.status = status }
    }

    /// A lesson is done; `line` is what to say about it.
    func finished(_ path: String, _ line: String) {
        lock.withLock {
            running[path] = nil
            order.removeAll { $0 == path }
        }
        say(line)
    }

    /// Prints a line above the live area.
    func say(_ line: String) {
        lock.withLock {
            clearLiveArea()
            print(line)
            fflush(nil)
            drawLiveArea()
        }
    }

    func stop() {
        timer?.cancel()
        timer = nil
        lock.withLock { clearLiveArea() }
    }

    private func redraw() {
        lock.withLock {
            clearLiveArea()
            drawLiveArea()
        }
    }

    private func clearLiveArea() {
        guard live, linesDrawn > 0 else { return }
        print(String(repeating: "\u{1B}[1A\u{1B}[2K", count: linesDrawn), terminator: "\r")
        linesDrawn = 0
    }

    private func drawLiveArea() {
        guard live else { return }
        for path in order {
            guard let lesson = running[path] else { continue }
            print(Self.describe(lesson))
            linesDrawn += 1
        }
        fflush(nil)
    }

    static func describe(_ lesson: Running) -> String {
        let elapsed = Date().timeIntervalSince(lesson.started)
        var text = "  \(lesson.path)  "
        switch lesson.status {
        case .compiling:
            text += "compiling"
        case .running(let block, let progress):
            if let block, block < lesson.blockLines.count {
                text += "block \(block + 1)/\(lesson.blockLines.count) (line \(lesson.blockLines[block]))"
            } else {
                text += "starting"
            }
            if let progress { text += "  \(progress.label) \(progress.done)/\(progress.total)" }
        }
        text += "  \(seconds(elapsed))"
        if let estimate = lesson.estimate { text += " of ~\(seconds(estimate))" }
        return text
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f s", value) : String(format: "%.0f s", value)
    }
}
