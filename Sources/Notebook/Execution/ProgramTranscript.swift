import Foundation
import LessonKit

/// Everything one run of an experiment program left behind, and what it means for the lesson.
public struct ProgramTranscript {
    let standardOutput: Data
    let standardError: Data
    /// What the program sent through its channel, in order.
    let events: [ChannelEvent]

    private var finished: Bool {
        events.contains { event in
            if case .finish = event { true } else { false }
        }
    }

    /// The lesson with its outputs, or the error that stopped it.
    func outcome(
        of lesson: Lesson, termination: ChildProcess.Termination, elapsed: Double, timeLimit: Double, outputLimit: Int,
        checkClaims: Bool = true
    ) throws(LessonError) -> ExecutedLesson {
        if termination == .exited(0) && finished {
            var dataFiles: Set<String> = []
            var nonFinite: Set<String> = []
            for event in events {
                if case .data(let path) = event { dataFiles.insert(path) }
                if case .record(let name, _, allowsNonFinite: true, _, _) = event { nonFinite.insert(name) }
            }
            let recorded = try recordedValues(of: lesson)
            let outputs = outputsByRun(limit: outputLimit)
            let blockOutputs = outputs.compactMap { output -> BlockOutput? in
                guard case .block(let index) = output.run else { return nil }
                return BlockOutput(blockIndex: index, segments: output.segments)
            }
            let executed = ExecutedLesson(
                lesson: lesson, outputs: blockOutputs, values: recorded.values, recordLines: recorded.lines,
                nonFiniteAllowed: nonFinite, claims: claims, dataFiles: dataFiles.sorted(),
                exercises: exerciseRuns(of: lesson, outputs: outputs))
            if checkClaims { try Self.checkClaims(executed) }
            return executed
        }
        // The block (or exercise run) running when the program stopped is the last one that began.
        let running = events.last { ProgramRun(startedBy: $0) != nil }
        let runningStreams = running?.streams
        let printed = runningStreams.map {
            Self.text(standardOutput, from: $0.standardOutput, to: standardOutput.count, limit: outputLimit)
        } ?? ""
        let errors = Self.withoutStackTrace(
            Self.text(standardError, from: runningStreams?.standardError ?? 0, to: standardError.count, limit: outputLimit))
        let (culpritLine, culprit, advice) = running.flatMap(ProgramRun.init(startedBy:))?.culprit(in: lesson)
            ?? (nil, "the experiment program", nil)
        var details: [String] = []
        if !printed.isEmpty { details.append("output before it stopped:\n" + Self.indented(Self.tail(printed))) }
        let trap = Self.trapMessage(errors, lessonPath: lesson.path)
        let message: String
        switch termination {
        case .timedOut:
            message = "timed out after \(Self.seconds(elapsed)) (limit \(Self.seconds(timeLimit))) while \(culprit) was running"
        case .signaled(SIGXFSZ):
            message = "\(culprit) was stopped: it wrote more than \(LessonRunner.fileSizeLimit / (1024 * 1024)) MiB to one file "
                + "(its output included); a page shows at most \(outputLimit / 1024) KiB of a block's output, so print less"
        case .signaled(let signal):
            let reason = trap ?? "killed by signal \(signal) (\(String(cString: strsignal(signal))))"
            message = "\(culprit) stopped: \(reason)"
        case .exited(let status):
            message = status != 0
                ? "\(culprit) exited with status \(status)"
                : "\(culprit) ended the program early (exit(0) before the last block finished)"
        }
        // The trap line is already the message; show standard error only if it says more.
        let otherErrors = errors.split(separator: "\n").filter { trap == nil || Self.trapMessage(String($0), lessonPath: lesson.path) != trap }
        if !otherErrors.isEmpty { details.append("standard error:\n" + Self.indented(otherErrors.joined(separator: "\n"))) }
        throw LessonError(path: lesson.path, line: culpritLine, message: message + (advice.map { "; \($0)" } ?? ""), details: details.joined(separator: "\n"))
    }

    /// The values recorded for the prose, with the line of each `record` call.
    ///
    /// Values recorded by a starter are left out: the page shows the solution's, and a
    /// starter's checks run the same `record` lines again.
    ///
    /// - Throws: `LessonError` at the second call when a name is recorded twice: the prose
    ///   would show one of two values without saying which.
    private func recordedValues(of lesson: Lesson) throws(LessonError) -> (values: [String: RecordedValue], lines: [String: Int]) {
        var values: [String: RecordedValue] = [:]
        var lines: [String: Int] = [:]
        for (run, event) in eventsWithRuns {
            guard case .record(let name, let recorded, _, _, let line) = event else { continue }
            if case .exercise(_, .attempt) = run { continue }
            if let first = lines[name] {
                let earlier = first == line ? "by this line twice (in a loop?)" : "first at line \(first)"
                throw LessonError(path: lesson.path, line: line, message: "`\(name)` is recorded twice, \(earlier): give each value its own name")
            }
            values[name] = recorded
            lines[name] = line
        }
        return (values, lines)
    }

    /// The claims of the experiment blocks; an exercise's are in its `ExerciseRun`.
    private var claims: [Claim] {
        eventsWithRuns.compactMap { run, event in
            if case .exercise = run { return nil }
            guard case .claim(let text, let holds, let detail, _, let line) = event else { return nil }
            return Claim(text: text, holds: holds, detail: detail, line: line)
        }
    }

    /// Fails the lesson at its first false claim, listing every false claim, and then at the
    /// first exercise that breaks `ExerciseRules`.
    public static func checkClaims(_ executed: ExecutedLesson) throws(LessonError) {
        try checkLessonClaims(executed)
        try ExerciseRules.check(executed)
    }

    /// Fails the lesson at its first false claim, listing every false claim.
    static func checkLessonClaims(_ executed: ExecutedLesson) throws(LessonError) {
        let failed = executed.claims.filter { !$0.holds }
        guard let first = failed.first else { return }
        let path = executed.lesson.path
        func describe(_ claim: Claim) -> String {
            "claim failed: \(claim.text)" + (claim.detail.map { " (\($0))" } ?? "")
        }
        let others = failed.dropFirst().map { "\(path):\($0.line): \(describe($0))" }
        throw LessonError(path: path, line: first.line, message: describe(first), details: others.joined(separator: "\n"))
    }

    /// The Swift runtime's one-line reason for a trap, such as
    /// `lessons/x.md:12: Fatal error: something`. A location outside the lessons — inside the
    /// standard library (`Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of
    /// range`) or the engine's checks — says nothing to a lesson author and is dropped; so the
    /// location is kept only inside `lessons/` or the lesson itself (a scratch lesson of
    /// `lessons exercise` lives in `exercises/`).
    static func trapMessage(_ standardError: String, lessonPath: String = "lessons/") -> String? {
        let markers = ["Fatal error", "Precondition failed", "Assertion failed"]
        guard let line = standardError.split(separator: "\n").last(where: { line in markers.contains { line.contains($0) } }) else {
            return nil
        }
        let text = line.trimmingCharacters(in: .whitespaces)
        if !text.hasPrefix("lessons/"), !text.hasPrefix(lessonPath + ":"), let marker = markers.compactMap({ text.range(of: $0) }).first {
            return String(text[marker.lowerBound...])
        }
        return text
    }

    /// `text` without the runtime's "Current stack trace:" section: its frames are addresses in
    /// the generated program, which the block's line already locates better.
    static func withoutStackTrace(_ text: String) -> String {
        var kept: [Substring] = []
        var inTrace = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Current stack trace:") {
                inTrace = true
            } else if inTrace, line.first?.isNumber == true {
                continue
            } else {
                inTrace = false
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func text(_ data: Data, from start: Int, to end: Int, limit: Int) -> String {
        let lower = min(max(0, start), data.count)
        let upper = min(max(lower, end), data.count)
        let slice = data[data.startIndex + lower..<data.startIndex + upper]
        if slice.count <= limit { return String(decoding: slice, as: UTF8.self) }
        let kept = String(decoding: slice.prefix(limit), as: UTF8.self)
        return kept + "\n[output cut: the block printed \(slice.count) bytes; the first \(limit) are shown]\n"
    }

    /// The last lines of `text`, enough to see where a block was (a terminal is no place for
    /// the 256 KiB a page may show), with a note of how much is left out.
    static func tail(_ text: String, lines count: Int = 40, bytes limit: Int = 8 * 1024) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var kept: [Substring] = []
        var size = 0
        for line in lines.reversed() {
            guard kept.count < count, size + line.utf8.count <= limit else { break }
            kept.append(line)
            size += line.utf8.count + 1
        }
        let omitted = lines.count - kept.count
        let shown = kept.reversed().joined(separator: "\n")
        return omitted > 0 ? "[\(omitted) earlier line\(omitted == 1 ? "" : "s") not shown]\n" + shown : shown
    }

    static func indented(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    static func seconds(_ value: Double) -> String {
        String(format: value < 10 ? "%.1f s" : "%.0f s", value)
    }
}
