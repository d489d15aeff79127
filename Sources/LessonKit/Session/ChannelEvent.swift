/// One record an experiment program sends the runner through its `OutputChannel`: the single
/// vocabulary of the channel, shared by the program (LessonKit) and `lessons` (Notebook), so
/// the two ends cannot disagree about a record's fields.
///
/// On the wire each event is one line of JSON (see `ChannelEvent+Line.swift`), keyed by the
/// case name: `{"claim":{"file":…,"holds":false,"line":12,"text":…}}`. A line that does not
/// decode — a record torn by a program that died mid-write, or a kind this runner does not
/// know — is skipped by the reader.
public enum ChannelEvent: Codable, Equatable, Sendable {
    /// The program started, before its first block.
    case start
    /// Block `index` (0-based, in lesson order) begins: everything printed from `streams` on,
    /// until the next `block` or `finish`, belongs to it.
    case block(index: Int, streams: StreamPositions)
    /// Part `part` of exercise `index` (0-based, in lesson order) begins: its output and claims,
    /// until the next mark, belong to that run of the exercise, not to the block before it.
    case exercise(index: Int, part: ExercisePart, streams: StreamPositions)
    /// The running block emitted Markdown (a table) at `streams`: the page shows it there, between
    /// the text printed before and after.
    case markdown(text: String, streams: StreamPositions)
    /// Every block ran to its end; the last block's output ends at `streams`.
    case finish(streams: StreamPositions)
    /// `record(name, value)` at `file:line` made `value` available to the prose as `{{name}}`.
    /// `allowsNonFinite` says the lesson means to show it even if it is NaN or infinite.
    case record(name: String, value: RecordedValue, allowsNonFinite: Bool, file: String, line: Int)
    /// `expect` at `file:line` checked the claim `text`; `detail` says why it failed, when the
    /// check has more to say than the claim.
    case claim(text: String, holds: Bool, detail: String?, file: String, line: Int)
    /// A long loop (`Progress`) has done `done` of `total` steps: shown live, never on a page.
    case progress(label: String, done: Int, total: Int)
    /// The program read the data file at `path` (project-relative, see `lessonData`): a change
    /// to its content makes the lesson run again.
    case data(path: String)
}
