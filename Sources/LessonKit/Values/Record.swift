/// Makes `value` available to the lesson's prose as `{{name}}` or `{{name:FORMAT}}` (see
/// `NumberFormat`), so every number in the text comes from the run.
///
/// Names are letters, digits, `.`, `_` and `-`; recording a name twice keeps the last value.
public func record(_ name: String, _ value: Double, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(value), file: "\(file)", line: Int(line))
}

/// Records a whole number for the prose (see `record(_:_:)`).
public func record(_ name: String, _ value: Int, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(Double(value)), file: "\(file)", line: Int(line))
}

/// Records a `Float` for the prose (see `record(_:_:)`).
public func record(_ name: String, _ value: Float, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .number(Double(value)), file: "\(file)", line: Int(line))
}

/// Records a piece of text for the prose, inserted as it is.
public func record(_ name: String, _ value: String, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.record(name, value: .string(value), file: "\(file)", line: Int(line))
}
