/// Moves the lesson lines a cached result names (`record` calls, `expect` calls) to where
/// their code is now.
///
/// The cache key covers the experiment code but not the prose, so a cached result stays valid
/// when a paragraph above a block grows — and every line inside that block moves down with it.
/// Each stored line belongs to the block whose opening fence precedes it; it moves by as many
/// lines as that fence has moved since the run.
struct CachedLineShift {
    /// Opening-fence lines of the blocks when the lesson ran, and now, in block order.
    private let storedFences: [Int]
    private let currentFences: [Int]

    /// `nil` if the lesson no longer has as many blocks as when it ran (then its code changed,
    /// and the cache key no longer matches anyway).
    init?(storedFences: [Int], current lesson: Lesson) {
        let current = lesson.blocks.map(\.fenceLine)
        guard current.count == storedFences.count else { return nil }
        self.storedFences = storedFences
        self.currentFences = current
    }

    /// Where stored line `line` is now. A line before every block (none should be) stays.
    func callAsFunction(_ line: Int) -> Int {
        guard let block = storedFences.lastIndex(where: { $0 < line }) else { return line }
        return line + currentFences[block] - storedFences[block]
    }
}
