/// Which run of an exercise's checks is under way. The checks of an exercise run twice in the
/// lesson's program: after the reference solution, where they must all hold, and after the
/// starter (or the reader's answer), where they say how far the answer gets.
public enum ExercisePart: String, Codable, Equatable, Sendable {
    /// The reference solution, then the checks: its claims are the lesson's to keep.
    case solution
    /// The starter the reader edits, then the checks: its claims are the reader's result and
    /// never fail the lesson by themselves.
    case attempt
}
