import Foundation
import LessonKit

/// What was running when the program printed or claimed something: an experiment block or one
/// run of an exercise. The channel's marks (`block`, `exercise`) switch from one to the next.
enum ProgramRun: Hashable {
    case block(Int)
    case exercise(Int, ExercisePart)

    /// The run a channel event starts, if it is a mark.
    init?(startedBy event: ChannelEvent) {
        switch event {
        case .block(let index, _): self = .block(index)
        case .exercise(let index, let part, _): self = .exercise(index, part)
        default: return nil
        }
    }

    /// The lesson line a problem with the whole run points at, the run in words, and what to
    /// do about a run that stopped the program, when there is more to say than where.
    func culprit(in lesson: Lesson) -> (line: Int?, words: String, advice: String?) {
        switch self {
        case .block(let index):
            let line = lesson.blocks.first { $0.index == index }?.fenceLine
            return (line, line.map { "the experiment block at line \($0)" } ?? "the experiment program", nil)
        case .exercise(let index, let part):
            guard lesson.exercises.indices.contains(index) else { return (nil, "the experiment program", nil) }
            let exercise = lesson.exercises[index]
            switch part {
            case .solution:
                return (exercise.solution?.fenceLine, "the solution of exercise \(exercise.number) (or its checks)", nil)
            case .attempt where lesson.isExerciseScratch:
                return (exercise.starter.fenceLine, "your answer to exercise \(exercise.number) (or its checks)",
                        "no check could judge it; make it run to its end")
            case .attempt:
                return (exercise.starter.fenceLine, "the starter of exercise \(exercise.number) (or its checks)",
                        "a starter must run to its end and fail a check (fill the marked place with something that runs), "
                            + "or the rest of the lesson never runs")
            }
        }
    }
}

extension ProgramTranscript {
    /// The run each event belongs to: the last mark before it (`nil` before the first).
    var eventsWithRuns: [(run: ProgramRun?, event: ChannelEvent)] {
        var current: ProgramRun?
        return events.map { event in
            if let run = ProgramRun(startedBy: event) { current = run }
            return (current, event)
        }
    }

    /// Each run's output, in order: the printed text cut at the marks, with the Markdown the
    /// run emitted placed where it was emitted, and its standard error after the rest.
    func outputsByRun(limit: Int) -> [(run: ProgramRun, segments: [BlockOutput.Segment])] {
        var outputs: [(run: ProgramRun, segments: [BlockOutput.Segment])] = []
        var position = 0
        func flushText(upTo offset: Int) {
            guard !outputs.isEmpty, offset > position else { return }
            let text = Self.text(standardOutput, from: position, to: offset, limit: limit)
            if !text.isEmpty { outputs[outputs.count - 1].segments.append(.text(text)) }
            position = offset
        }
        for event in events {
            if let run = ProgramRun(startedBy: event), let streams = event.streams {
                flushText(upTo: streams.standardOutput)
                position = streams.standardOutput
                outputs.append((run, []))
                continue
            }
            switch event {
            case .markdown(let markdown, let streams):
                flushText(upTo: streams.standardOutput)
                if !outputs.isEmpty { outputs[outputs.count - 1].segments.append(.markdown(markdown)) }
            case .finish(let streams):
                flushText(upTo: streams.standardOutput)
            default:
                break
            }
        }
        // Standard error, run by run: from a run's start to the next run's start or the finish.
        let marks: [(run: ProgramRun?, standardError: Int)] = events.compactMap { event in
            if let run = ProgramRun(startedBy: event), let streams = event.streams { return (run, streams.standardError) }
            if case .finish(let streams) = event { return (nil, streams.standardError) }
            return nil
        }
        var outputIndex = 0
        for (position, mark) in marks.enumerated() {
            guard mark.run != nil else { continue }
            defer { outputIndex += 1 }
            let end = position + 1 < marks.count ? marks[position + 1].standardError : standardError.count
            let text = Self.text(standardError, from: mark.standardError, to: end, limit: limit)
            if !text.isEmpty, outputIndex < outputs.count { outputs[outputIndex].segments.append(.errorText(text)) }
        }
        return outputs
    }

    /// What each exercise printed and claimed, in lesson order.
    func exerciseRuns(of lesson: Lesson, outputs: [(run: ProgramRun, segments: [BlockOutput.Segment])]) -> [ExerciseRun] {
        var runs = lesson.exercises.map { ExerciseRun(exerciseIndex: $0.index) }
        func update(_ index: Int, _ part: ExercisePart, _ change: (inout ExerciseRun.Part) -> Void) {
            guard runs.indices.contains(index) else { return }
            let run: WritableKeyPath<ExerciseRun, ExerciseRun.Part?> = part == .solution ? \.solution : \.attempt
            var value = runs[index][keyPath: run] ?? ExerciseRun.Part()
            change(&value)
            runs[index][keyPath: run] = value
        }
        for (run, segments) in outputs {
            if case .exercise(let index, let part) = run { update(index, part) { $0.segments += segments } }
        }
        for (run, event) in eventsWithRuns {
            guard case .exercise(let index, let part) = run, case .claim(let text, let holds, let detail, _, let line) = event else { continue }
            update(index, part) { $0.claims.append(Claim(text: text, holds: holds, detail: detail, line: line)) }
        }
        return runs
    }
}
