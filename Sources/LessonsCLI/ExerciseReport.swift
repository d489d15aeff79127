import Notebook

/// What `lessons run` says about a lesson's exercises: for each, every check with ✓ or ✗ in
/// the check's own words (a failure with its detail and line), and how many pass.
///
/// In a scratch lesson (`lessons exercise`) the starter is the reader's answer and decides the
/// exit status; in a curriculum lesson the solution's checks are listed too, and the build's
/// rules decide (`ExerciseRules`: the starter is meant to fail).
enum ExerciseReport {
    static func text(for executed: ExecutedLesson) -> String {
        let lesson = executed.lesson
        var text = ""
        for exercise in lesson.exercises {
            let run = executed.exercises.first { $0.exerciseIndex == exercise.index }
            let answer = lesson.isExerciseScratch ? "your answer" : "the starter (meant to fail a check)"
            text += "── exercise \(exercise.number) (\(lesson.path):\(exercise.starter.fenceLine)): \(answer)\n"
            text += checks(run?.attempt, path: lesson.path)
            if let solution = run?.solution {
                text += "── exercise \(exercise.number): the solution (\(lesson.path):\(exercise.solution?.fenceLine ?? 0))\n"
                text += checks(solution, path: lesson.path)
            }
        }
        return text
    }

    /// Whether every exercise's answer (the starter) passes all its checks.
    static func answersPass(_ executed: ExecutedLesson) -> Bool {
        executed.lesson.exercises.allSatisfy { exercise in
            executed.exercises.first { $0.exerciseIndex == exercise.index }?.attempt?.passes == true
        }
    }

    private static func checks(_ part: ExerciseRun.Part?, path: String) -> String {
        let claims = part?.distinctClaims ?? []
        guard !claims.isEmpty else { return "  no check ran\n" }
        var text = ""
        for claim in claims {
            if claim.holds {
                text += "  ✓ \(claim.text)\n"
            } else {
                text += "  ✗ \(claim.text)" + (claim.detail.map { " (\($0))" } ?? "") + " — \(path):\(claim.line)\n"
            }
        }
        let passing = claims.filter(\.holds).count
        text += passing == claims.count
            ? (claims.count == 1 ? "  the check passes\n" : "  all \(claims.count) checks pass\n")
            : "  \(passing) of \(claims.count) check\(claims.count == 1 ? " passes" : "s pass")\n"
        return text
    }
}
