/// An exercise of a lesson: three fenced blocks, in this order, with prose allowed between them.
///
///     ```swift exercise id=forget-gate
///     let bias = 0.0 // ✏️ a bias that makes the cell remember
///     ```
///     ```swift solution
///     let bias = 5.0
///     ```
///     ```swift checks
///     expect(remembered(bias) > 0.9, "the cell keeps 90% of its state over 20 steps")
///     ```
///
/// The build runs the solution, then the checks, and every check must hold; it runs the starter,
/// then the checks, and at least one must fail — otherwise the exercise asks nothing. Both runs
/// happen in the lesson's own program, where the exercise stands, so they see everything the
/// blocks before them defined; each is a scope of its own, so neither leaks a name into the
/// blocks after it.
public struct Exercise: Equatable, Sendable {
    /// One of the exercise's fenced blocks.
    public struct Part: Equatable, Sendable {
        /// 1-based file line of the opening fence.
        public let fenceLine: Int
        /// 1-based file line of the closing fence.
        public let closingFenceLine: Int
        /// The code between the fences, lines joined with `\n`.
        public let code: String

        public var firstCodeLine: Int { fenceLine + 1 }
        /// The block's lines, fences included.
        public var lines: ClosedRange<Int> { fenceLine...closingFenceLine }

        public init(fenceLine: Int, closingFenceLine: Int, code: String) {
            self.fenceLine = fenceLine
            self.closingFenceLine = closingFenceLine
            self.code = code
        }
    }

    /// The mark a starter puts where the reader writes: a comment holding ✏️ (U+270F, with or
    /// without the emoji variation selector), as in `let bias = 0.0 // ✏️ your bias`. One mark
    /// and not `TODO:`, which lessons' code may use for other things and editors list as the
    /// author's own work.
    public static let fillInMark: Unicode.Scalar = "\u{270F}"

    /// Position among the lesson's exercises, from 0; the page calls it "Exercise `index + 1`".
    public let index: Int
    /// The code the reader sees and edits (```` ```swift exercise ````).
    public let starter: Part
    /// The reference answer (```` ```swift solution ````); `nil` only in a scratch lesson.
    public let solution: Part?
    /// The `expect` calls that decide whether an answer is right (```` ```swift checks ````).
    public let checks: Part
    /// The name given with `id=NAME` on the exercise's fence.
    public let id: String?
    /// How many experiment blocks come before the exercise: it runs right after them.
    public let blocksBefore: Int
    /// The prose that introduces the exercise: from the end of the previous code block or the
    /// last heading, whichever is later, to the exercise's fence (1-based lines, maybe empty).
    public let introduction: Range<Int>

    /// The exercise's number on its page, from 1.
    public var number: Int { index + 1 }

    /// The exercise's anchor on its page: `exercise-ID` with `id=ID`, otherwise `exercise-N`.
    public var anchor: String { "exercise-" + (id ?? String(number)) }

    /// Every line from the starter's opening fence to the checks' closing fence.
    public var lines: ClosedRange<Int> { starter.fenceLine...checks.closingFenceLine }

    public init(
        index: Int, starter: Part, solution: Part?, checks: Part, id: String? = nil, blocksBefore: Int = 0,
        introduction: Range<Int>? = nil
    ) {
        self.index = index
        self.starter = starter
        self.solution = solution
        self.checks = checks
        self.id = id
        self.blocksBefore = blocksBefore
        self.introduction = introduction ?? starter.fenceLine..<starter.fenceLine
    }
}
