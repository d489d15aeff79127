/// A problem with a lesson, located at a line of its file.
///
/// `description` reads `lessons/NAME.md:LINE: message` (or `LINE:COLUMN`), the form editors and terminals turn
/// into a link to the line.
public struct LessonError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The lesson's path as the author knows it, for example `lessons/01-recurrent-networks.md`.
    public let path: String
    /// 1-based line in the lesson file, or `nil` when the problem concerns the whole lesson.
    public let line: Int?
    /// 1-based column, when the problem is at a precise place (compiler errors).
    public let column: Int?
    /// What is wrong, in one sentence.
    public let message: String
    /// Further lines shown under the message: compiler excerpts, output before a trap.
    public let details: String

    public init(path: String, line: Int?, column: Int? = nil, message: String, details: String = "") {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.details = details
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if line != nil, let column { location += ":\(column)" }
        return details.isEmpty ? "\(location): \(message)" : "\(location): \(message)\n\(details)"
    }
}
