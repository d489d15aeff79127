import LessonKit

extension ChannelEvent {
    /// Where the program's output streams were when it sent this event, for the events that
    /// mark a place in them (a block's or an exercise run's start, emitted Markdown, the end): where the runner
    /// cuts or interleaves what the program printed.
    var streams: StreamPositions? {
        switch self {
        case .block(_, let streams), .exercise(_, _, let streams), .markdown(_, let streams), .finish(let streams): streams
        case .start, .record, .claim, .progress, .data: nil
        }
    }
}
