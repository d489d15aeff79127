import Foundation

/// The watch on recorded values: what moved between a lesson's previous successful run and
/// this one, so that a change to a block, the engine or the data never moves a number in the
/// prose without the author seeing it.
public enum ValueWatch {
    /// One value that moved, appeared or disappeared.
    public struct Change: Equatable, Sendable, CustomStringConvertible {
        public let path: String
        public let name: String
        public let old: RecordedValue?
        public let new: RecordedValue?
        /// The lesson line of the `record` call (the old one for a value no longer recorded).
        public let line: Int

        /// `lessons/09-lstm-variants.md:123: cifg.bpc 2.8693 -> 2.8741 (+0.17%)`.
        public var description: String {
            let location = line > 0 ? "\(path):\(line)" : path
            switch (old, new) {
            case let (.number(before)?, .number(after)?):
                var text = "\(location): \(name) \(Self.number(before)) -> \(Self.number(after))"
                if before != 0, before.isFinite, after.isFinite {
                    text += String(format: " (%@%.3g%%)", after >= before ? "+" : "", 100 * (after - before) / abs(before))
                }
                return text
            case let (before?, after?):
                return "\(location): \(name) \"\(before.plainText)\" -> \"\(after.plainText)\""
            case let (nil, after?):
                return "\(location): \(name) is new: \(after.plainText)"
            case let (before?, nil):
                return "\(location): \(name) is no longer recorded (was \(before.plainText))"
            case (nil, nil):
                return "\(location): \(name)"
            }
        }

        /// Six significant digits: enough to see a move in the fourth.
        static func number(_ value: Double) -> String {
            value.isFinite ? String(format: "%.6g", value) : "\(value)"
        }
    }

    /// The default relative tolerance: a number moves when it changes by more than a
    /// millionth of its size, well above the last bits of a `Float` and well below anything a
    /// page prints.
    public static let defaultTolerance = 1e-6

    /// What moved from `old` to `new` beyond `tolerance` (relative to the larger magnitude),
    /// in order of the `record` lines.
    public static func changes(
        path: String, old: (values: [String: RecordedValue], lines: [String: Int]), new: ExecutedLesson,
        tolerance: Double = defaultTolerance
    ) -> [Change] {
        var changes: [Change] = []
        for name in Set(old.values.keys).union(new.values.keys) {
            let before = old.values[name], after = new.values[name]
            if let before, let after, !moved(before, after, tolerance: tolerance) { continue }
            let line = new.recordLines[name] ?? old.lines[name] ?? 0
            changes.append(Change(path: path, name: name, old: before, new: after, line: line))
        }
        return changes.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }

    static func moved(_ before: RecordedValue, _ after: RecordedValue, tolerance: Double) -> Bool {
        switch (before, after) {
        case let (.number(a), .number(b)):
            if a.isNaN || b.isNaN { return a.isNaN != b.isNaN }
            if a == b { return false }
            if !a.isFinite || !b.isFinite { return true }
            return abs(a - b) > tolerance * max(abs(a), abs(b))
        default:
            return before != after
        }
    }
}
