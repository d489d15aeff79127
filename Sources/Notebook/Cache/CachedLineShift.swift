/// Moves the lesson lines a cached result names (`record` calls, `expect` calls, in experiment
/// blocks and exercises) to where their code is now.
///
/// The cache key covers the code but not the prose, so a cached result stays valid when a
/// paragraph above a block grows — and every line inside that block moves down with it. Each
/// stored line belongs to the code block whose opening fence precedes it; it moves by as many
/// lines as that fence has moved since the run.
struct CachedLineShift {
    /// Opening-fence lines of the code blocks that run, when the lesson ran and now.
    private let storedFences: [Int]
    private let currentFences: [Int]

    /// The opening fences of every block that runs — experiment blocks and each exercise's
    /// starter, solution and checks — in file order.
    static func fences(of lesson: Lesson) -> [Int] {
        let exerciseParts = lesson.exercises.flatMap { [$0.starter, $0.solution, $0.checks].compactMap { $0?.fenceLine } }
        return (lesson.blocks.map(\.fenceLine) + exerciseParts).sorted()
    }

    /// `nil` if the lesson no longer has as many code blocks as when it ran (then its code
    /// changed, and the cache key no longer matches anyway).
    init?(storedFences: [Int], current lesson: Lesson) {
        let current = Self.fences(of: lesson)
        guard current.count == storedFences.count else { return nil }
        self.storedFences = storedFences
        self.currentFences = current
    }

    /// Where stored line `line` is now. A line before every block (none should be) stays.
    func callAsFunction(_ line: Int) -> Int {
        guard let block = storedFences.lastIndex(where: { $0 < line }) else { return line }
        return line + currentFences[block] - storedFences[block]
    }

    func callAsFunction(_ claim: Claim) -> Claim {
        Claim(text: claim.text, holds: claim.holds, detail: claim.detail, line: self(claim.line))
    }

    func callAsFunction(_ run: ExerciseRun) -> ExerciseRun {
        func moved(_ part: ExerciseRun.Part?) -> ExerciseRun.Part? {
            part.map { ExerciseRun.Part(segments: $0.segments, claims: $0.claims.map { self($0) }) }
        }
        return ExerciseRun(exerciseIndex: run.exerciseIndex, solution: moved(run.solution), attempt: moved(run.attempt))
    }
}
