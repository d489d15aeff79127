import LessonKit

/// What one experiment block showed while the lesson ran, in order: printed text, and
/// Markdown it emitted (tables), which the page shows as Markdown rather than as text.
public struct BlockOutput: Equatable, Sendable, Codable {
    public enum Segment: Equatable, Sendable, Codable {
        /// Text the block printed, shown verbatim in an output box.
        case text(String)
        /// Markdown the block emitted through LessonKit, such as a table.
        case markdown(String)
        /// What the block wrote to standard error (warnings, diagnostics), after the rest.
        case errorText(String)
    }

    /// The block's position among the lesson's experiment blocks.
    public let blockIndex: Int
    public var segments: [Segment]

    public init(blockIndex: Int, segments: [Segment]) {
        self.blockIndex = blockIndex
        self.segments = segments
    }

    /// A block that only printed `text`.
    public init(blockIndex: Int, text: String) {
        self.init(blockIndex: blockIndex, segments: text.isEmpty ? [] : [.text(text)])
    }

    /// Everything printed to standard output, without the Markdown segments.
    public var text: String {
        segments.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }
}

/// A value an experiment recorded with `record(_:_:)`, for `{{name}}` in the prose: the type
/// the channel carries, so the runner, the cache and the page share one encoding (NaN and the
/// infinities included, with their sign).
public typealias RecordedValue = ChannelEvent.RecordedValue

extension RecordedValue {
    /// The value as `lessons run` and the value watch print it: numbers with every digit
    /// that tells them apart.
    public var plainText: String {
        switch self {
        case .number(let value): "\(value)"
        case .text(let text): text
        }
    }
}

/// A claim an experiment checked with `expect`.
public struct Claim: Equatable, Sendable, Codable {
    public let text: String
    public let holds: Bool
    /// For `expect(_:near:tolerance:)`, the value, target and tolerance when it failed.
    public let detail: String?
    /// The lesson line of the `expect` call.
    public let line: Int

    public init(text: String, holds: Bool, detail: String?, line: Int) {
        self.text = text
        self.holds = holds
        self.detail = detail
        self.line = line
    }
}

/// A lesson after its experiments ran: the parsed lesson, each block's output, the values
/// recorded for the prose, the claims checked and what each exercise did.
public struct ExecutedLesson: Equatable, Sendable {
    public let lesson: Lesson
    /// One entry per experiment block that ran, in block order.
    public let outputs: [BlockOutput]
    public let values: [String: RecordedValue]
    /// For each recorded name, the lesson line of the `record` call that made it.
    public let recordLines: [String: Int]
    /// Names recorded with `allowNonFinite: true`: the prose may show them as nan or inf.
    public let nonFiniteAllowed: Set<String>
    public let claims: [Claim]
    /// Project-relative paths of the data files the experiments read (see `lessonData`).
    public let dataFiles: [String]
    /// One entry per exercise that ran, in lesson order. Their claims are not among `claims`:
    /// a starter's checks are meant to fail (see `ExerciseRules`).
    public let exercises: [ExerciseRun]

    public init(
        lesson: Lesson, outputs: [BlockOutput], values: [String: RecordedValue] = [:], recordLines: [String: Int] = [:],
        nonFiniteAllowed: Set<String> = [], claims: [Claim] = [], dataFiles: [String] = [], exercises: [ExerciseRun] = []
    ) {
        self.exercises = exercises
        self.nonFiniteAllowed = nonFiniteAllowed
        self.lesson = lesson
        self.outputs = outputs
        self.values = values
        self.recordLines = recordLines
        self.claims = claims
        self.dataFiles = dataFiles
    }
}
