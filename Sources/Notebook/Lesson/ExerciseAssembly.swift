/// Puts a lesson's ```` ```swift exercise ````, ```` ```swift solution ```` and
/// ```` ```swift checks ```` blocks together into exercises as the parser meets them, and
/// rejects, at the line that shows it, any block out of that order.
struct ExerciseAssembly {
    /// The three kinds of exercise block, by the word after `swift` on the fence.
    enum Kind: String {
        case exercise, solution, checks
    }

    let path: String
    /// Whether exercises may lack a solution and a fill-in mark (a scratch lesson, see
    /// `FrontMatter.exerciseOf`): there the starter is the reader's answer.
    let isScratch: Bool
    private(set) var exercises: [Exercise] = []

    /// The exercise whose checks have not been seen yet.
    private var open: (starter: Exercise.Part, solution: Exercise.Part?, id: String?, blocksBefore: Int, introduction: Range<Int>)?

    init(path: String, isScratch: Bool) {
        self.path = path
        self.isScratch = isScratch
    }

    /// Takes one exercise block.
    ///
    /// - Parameters:
    ///   - options: the words after `swift KIND` on the fence.
    ///   - blocksBefore: how many experiment blocks precede it.
    ///   - introduction: the prose lines before it (used for the starter).
    mutating func add(
        _ kind: Kind, _ part: Exercise.Part, options: [Substring], blocksBefore: Int, introduction: Range<Int>
    ) throws(LessonError) {
        switch kind {
        case .exercise:
            try closeMissingChecks()
            let id = try Self.id(from: options, path: path, line: part.fenceLine)
            if let id, exercises.contains(where: { $0.id == id }) {
                throw LessonError(path: path, line: part.fenceLine, message: "exercise id `\(id)` is used twice")
            }
            if !isScratch, !Self.marksPlaceToFillIn(part.code) {
                throw LessonError(
                    path: path, line: part.fenceLine,
                    message: "the starter marks no place to fill in: put a comment with ✏️ where the reader writes, "
                        + "for example `let bias = 0.0 // ✏️ a bias that keeps the state`")
            }
            open = (part, nil, id, blocksBefore, introduction)
        case .solution:
            try Self.rejectOptions(options, of: kind, path: path, line: part.fenceLine)
            guard let current = open else {
                throw LessonError(path: path, line: part.fenceLine, message: "a `swift solution` block must follow a `swift exercise` block")
            }
            if current.solution != nil {
                throw LessonError(
                    path: path, line: part.fenceLine,
                    message: "the exercise at line \(current.starter.fenceLine) already has a solution (line \(current.solution!.fenceLine))")
            }
            open?.solution = part
        case .checks:
            try Self.rejectOptions(options, of: kind, path: path, line: part.fenceLine)
            guard let current = open else {
                throw LessonError(
                    path: path, line: part.fenceLine,
                    message: "a `swift checks` block must follow a `swift exercise` block and its `swift solution`")
            }
            if current.solution == nil, !isScratch {
                throw LessonError(
                    path: path, line: current.starter.fenceLine,
                    message: "the exercise has no `swift solution` block: put the reference answer between the exercise and its checks (line \(part.fenceLine))")
            }
            guard part.code.contains("expect(") else {
                throw LessonError(
                    path: path, line: part.fenceLine,
                    message: "the checks call no `expect`: state what a right answer does, as in `expect(loss < 0.1, \"the loss falls below 0.1\")`")
            }
            exercises.append(Exercise(
                index: exercises.count, starter: current.starter, solution: current.solution, checks: part, id: current.id,
                blocksBefore: current.blocksBefore, introduction: current.introduction))
            open = nil
        }
    }

    /// An experiment block at `line`: it may not stand inside an exercise.
    func experimentBlock(at line: Int) throws(LessonError) {
        guard let current = open else { return }
        throw LessonError(
            path: path, line: line,
            message: "an experiment block cannot stand inside the exercise at line \(current.starter.fenceLine): move it after the exercise's `swift checks` block")
    }

    /// The end of the lesson: every exercise must be complete.
    mutating func finish() throws(LessonError) {
        try closeMissingChecks()
    }

    private func closeMissingChecks() throws(LessonError) {
        guard let current = open else { return }
        let missing = current.solution == nil && !isScratch ? "`swift solution` and `swift checks` blocks" : "`swift checks` block"
        throw LessonError(
            path: path, line: current.starter.fenceLine,
            message: "the exercise has no \(missing) after it: an exercise is followed by its solution and the `expect` checks that judge an answer")
    }

    /// Whether a line of `code` holds a `//` comment with the fill-in mark.
    static func marksPlaceToFillIn(_ code: String) -> Bool {
        code.split(separator: "\n").contains { line in
            guard let comment = line.range(of: "//") else { return false }
            return line[comment.upperBound...].unicodeScalars.contains(Exercise.fillInMark)
        }
    }

    /// The `id=NAME` option of an exercise fence; any other word is an error.
    private static func id(from options: [Substring], path: String, line: Int) throws(LessonError) -> String? {
        var id: String?
        for word in options {
            guard word.hasPrefix("id=") else {
                throw LessonError(path: path, line: line, message: "unknown exercise option `\(word)` (known: id=NAME)")
            }
            let name = word.dropFirst(3)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw LessonError(path: path, line: line, message: "exercise id `\(name)` must be letters, digits, `-` or `_`")
            }
            id = String(name)
        }
        return id
    }

    private static func rejectOptions(_ options: [Substring], of kind: Kind, path: String, line: Int) throws(LessonError) {
        guard let word = options.first else { return }
        throw LessonError(path: path, line: line, message: "a `swift \(kind.rawValue)` block takes no options (found `\(word)`)")
    }
}
