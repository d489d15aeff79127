import Foundation
import LessonKit

/// Everything one run of an experiment program left behind, and what it means for the lesson.
public struct ProgramTranscript {
    let standardOutput: Data
    let standardError: Data
    /// What the program sent through its channel, in order.
    let events: [ChannelEvent]

    /// Where a block's output starts in each stream: the byte offsets the program reported
    /// when the block began.
    private struct BlockStart {
        let index: Int
        let streams: StreamPositions
    }

    private var blockStarts: [BlockStart] {
        events.compactMap { event in
            guard case .block(let index, let streams) = event else { return nil }
            return BlockStart(index: index, streams: streams)
        }
    }

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
        let starts = blockStarts
        if termination == .exited(0) && finished {
            var dataFiles: Set<String> = []
            var nonFinite: Set<String> = []
            for event in events {
                if case .data(let path) = event { dataFiles.insert(path) }
                if case .record(let name, _, allowsNonFinite: true, _, _) = event { nonFinite.insert(name) }
            }
            let recorded = try recordedValues(of: lesson)
            let executed = ExecutedLesson(
                lesson: lesson, outputs: blockOutputs(limit: outputLimit), values: recorded.values, recordLines: recorded.lines,
                nonFiniteAllowed: nonFinite, claims: claims, dataFiles: dataFiles.sorted())
            if checkClaims { try Self.checkClaims(executed) }
            return executed
        }
        // The block running when the program stopped is the last one that began.
        let running = starts.last
        let block = running.flatMap { start in lesson.blocks.first { $0.index == start.index } }
        let printed = running.map {
            Self.text(standardOutput, from: $0.streams.standardOutput, to: standardOutput.count, limit: outputLimit)
        } ?? ""
        let errors = Self.withoutStackTrace(
            Self.text(standardError, from: running?.streams.standardError ?? 0, to: standardError.count, limit: outputLimit))
        let culprit = block.map { "the experiment block at line \($0.fenceLine)" } ?? "the experiment program"
        var details: [String] = []
        if !printed.isEmpty { details.append("output before it stopped:\n" + Self.indented(Self.tail(printed))) }
        let trap = Self.trapMessage(errors)
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
        let otherErrors = errors.split(separator: "\n").filter { trap == nil || Self.trapMessage(String($0)) != trap }
        if !otherErrors.isEmpty { details.append("standard error:\n" + Self.indented(otherErrors.joined(separator: "\n"))) }
        throw LessonError(path: lesson.path, line: block?.fenceLine, message: message, details: details.joined(separator: "\n"))
    }

    /// Each block's output: the printed text cut at the block marks, with the Markdown the
    /// block emitted placed where it was emitted.
    private func blockOutputs(limit: Int) -> [BlockOutput] {
        var outputs: [BlockOutput] = []
        var position = 0
        func flushText(upTo offset: Int) {
            guard !outputs.isEmpty, offset > position else { return }
            let text = Self.text(standardOutput, from: position, to: offset, limit: limit)
            if !text.isEmpty { outputs[outputs.count - 1].segments.append(.text(text)) }
            position = offset
        }
        for event in events {
            switch event {
            case .block(let index, let streams):
                flushText(upTo: streams.standardOutput)
                position = streams.standardOutput
                outputs.append(BlockOutput(blockIndex: index, segments: []))
            case .markdown(let markdown, let streams):
                flushText(upTo: streams.standardOutput)
                if !outputs.isEmpty { outputs[outputs.count - 1].segments.append(.markdown(markdown)) }
            case .finish(let streams):
                flushText(upTo: streams.standardOutput)
            default:
                break
            }
        }
        // Standard error, block by block, after each block's other output: from a block's
        // start to the next block's start or the finish.
        let marks: [(block: Int?, standardError: Int)] = events.compactMap { event in
            switch event {
            case .block(let index, let streams): (index, streams.standardError)
            case .finish(let streams): (nil, streams.standardError)
            default: nil
            }
        }
        for (position, mark) in marks.enumerated() {
            guard let block = mark.block, let outputIndex = outputs.firstIndex(where: { $0.blockIndex == block }) else { continue }
            let end = position + 1 < marks.count ? marks[position + 1].standardError : standardError.count
            let text = Self.text(standardError, from: mark.standardError, to: end, limit: limit)
            if !text.isEmpty { outputs[outputIndex].segments.append(.errorText(text)) }
        }
        return outputs
    }

    /// The values recorded for the prose, with the line of each `record` call.
    ///
    /// - Throws: `LessonError` at the second call when a name is recorded twice: the prose
    ///   would show one of two values without saying which.
    private func recordedValues(of lesson: Lesson) throws(LessonError) -> (values: [String: RecordedValue], lines: [String: Int]) {
        var values: [String: RecordedValue] = [:]
        var lines: [String: Int] = [:]
        for case .record(let name, let recorded, _, _, let line) in events {
            if let first = lines[name] {
                let earlier = first == line ? "by this line twice (in a loop?)" : "first at line \(first)"
                throw LessonError(path: lesson.path, line: line, message: "`\(name)` is recorded twice, \(earlier): give each value its own name")
            }
            values[name] = recorded
            lines[name] = line
        }
        return (values, lines)
    }

    private var claims: [Claim] {
        events.compactMap { event in
            guard case .claim(let text, let holds, let detail, _, let line) = event else { return nil }
            return Claim(text: text, holds: holds, detail: detail, line: line)
        }
    }

    /// Fails the lesson at its first false claim, listing every false claim.
    public static func checkClaims(_ executed: ExecutedLesson) throws(LessonError) {
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
    /// range`) or the engine's checks — says nothing to a lesson author and is dropped.
    static func trapMessage(_ standardError: String) -> String? {
        let markers = ["Fatal error", "Precondition failed", "Assertion failed"]
        guard let line = standardError.split(separator: "\n").last(where: { line in markers.contains { line.contains($0) } }) else {
            return nil
        }
        let text = line.trimmingCharacters(in: .whitespaces)
        if !text.hasPrefix("lessons/"), let marker = markers.compactMap({ text.range(of: $0) }).first {
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
