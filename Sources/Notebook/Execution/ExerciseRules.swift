/// What a curriculum lesson's exercises must show when the lesson runs: the solution passes
/// every check (else it has rotted, or the checks are wrong), and the starter fails at least
/// one (else the exercise asks nothing).
///
/// A scratch lesson (`lessons exercise`) is not held to them: its starter is the reader's
/// answer, which `lessons run` reports on instead.
public enum ExerciseRules {
    /// Fails at the first exercise that breaks a rule: at its solution's fence for a failing
    /// solution, at its exercise fence for a starter that already passes.
    public static func check(_ executed: ExecutedLesson) throws(LessonError) {
        let lesson = executed.lesson
        guard !lesson.isExerciseScratch else { return }
        for exercise in lesson.exercises {
            let run = executed.exercises.first { $0.exerciseIndex == exercise.index }
            let solutionClaims = run?.solution?.claims ?? []
            let solutionLine = exercise.solution?.fenceLine ?? exercise.starter.fenceLine
            if solutionClaims.isEmpty {
                throw LessonError(
                    path: lesson.path, line: exercise.checks.fenceLine,
                    message: "the checks of exercise \(exercise.number) stated no claim when they ran after the solution: an `expect` that never runs checks nothing")
            }
            let failed = solutionClaims.filter { !$0.holds }
            if let first = failed.first {
                throw LessonError(
                    path: lesson.path, line: solutionLine,
                    message: "the solution of exercise \(exercise.number) fails its check at line \(first.line): \(first.text)"
                        + (first.detail.map { " (\($0))" } ?? ""),
                    details: failed.dropFirst().map { "\(lesson.path):\($0.line): also fails: \($0.text)" + ($0.detail.map { " (\($0))" } ?? "") }
                        .joined(separator: "\n"))
            }
            if run?.attempt?.passes == true {
                throw LessonError(
                    path: lesson.path, line: exercise.starter.fenceLine,
                    message: "the starter of exercise \(exercise.number) already passes every check: the exercise asks nothing "
                        + "(make the starter leave the marked place unsolved, or make the checks ask for what the exercise teaches)")
            }
        }
    }
}
