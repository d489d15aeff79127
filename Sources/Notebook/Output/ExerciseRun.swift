/// What one exercise showed and checked when the lesson ran.
public struct ExerciseRun: Equatable, Sendable, Codable {
    /// One run of the exercise's checks: after the solution, or after the starter.
    public struct Part: Equatable, Sendable, Codable {
        /// What the code and its checks printed and emitted.
        public var segments: [BlockOutput.Segment]
        /// The checks' claims in the order they were checked.
        public var claims: [Claim]

        public init(segments: [BlockOutput.Segment] = [], claims: [Claim] = []) {
            self.segments = segments
            self.claims = claims
        }

        /// Whether the checks ran and every one held.
        public var passes: Bool { !claims.isEmpty && claims.allSatisfy(\.holds) }

        /// The checks as a reader counts them: each `expect` once, in the order first checked,
        /// holding only if it held every time (a check in a loop is checked at every turn), with
        /// the first failure's detail.
        public var distinctClaims: [Claim] {
            var order: [String] = []
            var merged: [String: Claim] = [:]
            for claim in claims {
                let key = "\(claim.line) \(claim.text)"
                guard let earlier = merged[key] else {
                    order.append(key)
                    merged[key] = claim
                    continue
                }
                if earlier.holds && !claim.holds { merged[key] = claim }
            }
            return order.map { merged[$0]! }
        }
    }

    /// Position among the lesson's exercises, from 0.
    public let exerciseIndex: Int
    /// The reference solution's run; `nil` when the lesson has none (a scratch lesson).
    public var solution: Part?
    /// The starter's run: in a scratch lesson, the reader's answer.
    public var attempt: Part?

    public init(exerciseIndex: Int, solution: Part? = nil, attempt: Part? = nil) {
        self.exerciseIndex = exerciseIndex
        self.solution = solution
        self.attempt = attempt
    }
}
