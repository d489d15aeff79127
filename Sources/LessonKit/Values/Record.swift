/// Makes `value` available to the lesson's prose as `{{name}}` or `{{name:FORMAT}}` (see
/// `NumberFormat`), so every number in the text comes from the run.
///
/// Names are letters, digits, `.`, `_` and `-`; recording a name twice is an error naming both
/// lines (the prose would otherwise show one of two values without saying which).
///
/// A value that is not a number (NaN, an infinity) stops the build where the prose shows it,
/// since a page that says "nan" has a bug; pass `allowNonFinite: true` when the lesson means to
/// show one (an exploding run's loss).
public func record(_ name: String, _ value: Double, allowNonFinite: Bool = false, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(value), allowNonFinite: allowNonFinite, file: "\(file)", line: Int(line))
}

/// Records a whole number for the prose (see `record(_:_:)`).
public func record(_ name: String, _ value: Int, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(Double(value)), file: "\(file)", line: Int(line))
}

/// Records a `Float` for the prose (see `record(_:_:)`).
public func record(_ name: String, _ value: Float, allowNonFinite: Bool = false, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(Double(value)), allowNonFinite: allowNonFinite, file: "\(file)", line: Int(line))
}

/// Records a piece of text for the prose, inserted as it is.
public func record(_ name: String, _ value: String, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .text(value), file: "\(file)", line: Int(line))
}

/// Records a test's result for the prose: `{{name}}` is the whole line (`formatted(format)`),
/// and its numbers are recorded beside it as `name.PART` (for a `Comparison`:
/// `name.difference`, `name.lower`, `name.upper`, `name.p` — write it `{{name.p:p}}` —,
/// `name.t`, `name.df`, `name.effect`, `name.detectable`, `name.n1`, `name.n2`; see each
/// test's `parts`), with `name.verdict` ("better", "worse" or "no detectable difference").
public func record(_ name: String, _ test: some HypothesisTest, format: NumberFormat = .significant(digits: 3),
                   file: StaticString = #file, line: UInt = #line) {
    let file = "\(file)", line = Int(line)
    ExperimentSession.record(name, value: .text(test.formatted(format)), file: file, line: line)
    for part in test.parts {
        ExperimentSession.record("\(name).\(part.name)", value: .number(part.value), file: file, line: line)
    }
    ExperimentSession.record("\(name).verdict", value: .text(test.verdict.rawValue), file: file, line: line)
}
