/// States a claim the lesson's prose makes. A false claim fails the lesson's build, naming the
/// lesson file, this line and `claim`; the rest of the lesson still runs, so every false
/// claim is reported at once.
///
///     expect(lstmAccuracy > rnnAccuracy, "the LSTM beats the RNN after 10 epochs")
public func expect(_ condition: Bool, _ claim: String, file: StaticString = #file, line: UInt = #line) {
    ExperimentSession.claim(claim, holds: condition, detail: nil, file: "\(file)", line: Int(line))
}

/// States that `value` is within `tolerance` of `target`; the failure message gives all three.
///
///     expect(accuracy, near: 1.0, tolerance: 0.05, "both reach about 100% after 100 epochs")
public func expect<Value: BinaryFloatingPoint>(
    _ value: Value, near target: Value, tolerance: Value, _ claim: String,
    file: StaticString = #file, line: UInt = #line
) {
    let (v, t, tol) = (Double(value), Double(target), Double(tolerance))
    let holds = abs(v - t) <= tol
    let format = NumberFormat.significant(digits: 6)
    let detail = holds ? nil : "\(format.string(v)) is not within \(format.string(tol)) of \(format.string(t))"
    ExperimentSession.claim(claim, holds: holds, detail: detail, file: "\(file)", line: Int(line))
}
