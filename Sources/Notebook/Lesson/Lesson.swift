/// A lesson file, parsed: front matter, the text, and its experiment blocks with the lines
/// they came from.
public struct Lesson: Equatable, Sendable {
    /// The path as the author knows it, relative to the project root, for example
    /// `lessons/01-recurrent-networks.md`. Compiler errors and traps are reported against it.
    public let path: String
    /// The file name without `.md`; the page is `slug.html`.
    public let slug: String
    public let frontMatter: FrontMatter
    /// Every line of the file, without line terminators; line `n` is `lines[n - 1]`.
    public let lines: [String]
    /// The experiment blocks in file order.
    public let blocks: [ExperimentBlock]
    /// The exercises in file order (see `Exercise`).
    public let exercises: [Exercise]
    /// 1-based line of the first line after the front matter.
    public let bodyStartLine: Int
    /// 1-based lines of every fenced code block, fences included: code, never prose.
    public let fencedLineNumbers: [Int]

    /// Parses a lesson's text.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - path: the path to report in errors, relative to the project root.
    public init(text: String, path: String) throws(LessonError) {
        self.path = path
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        self.slug = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        // Split on the scalars: to Swift, CRLF is one Character, which a split at "\n" misses.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        if lines.last == "" { lines.removeLast() }
        if let index = lines.firstIndex(where: { $0.unicodeScalars.contains { (0xE000...0xE0FF).contains($0.value) } }) {
            // The site marks math and values with these characters while it renders.
            throw LessonError(path: path, line: index + 1, message: "the line holds a character from Unicode's private use area (U+E000–U+E0FF), which the build reserves")
        }
        self.lines = lines
        (frontMatter, bodyStartLine) = try Self.parseFrontMatter(lines, path: path)
        (blocks, exercises, fencedLineNumbers) = try Self.parseBlocks(
            lines, from: bodyStartLine, path: path, isScratch: frontMatter.exerciseOf != nil)
    }

    /// Whether this is a scratch lesson that `lessons exercise` wrote for a reader's answer.
    public var isExerciseScratch: Bool { frontMatter.exerciseOf != nil }

    private static func parseFrontMatter(_ lines: [String], path: String) throws(LessonError) -> (FrontMatter, Int) {
        guard lines.first?.trimmingTrailingWhitespace == "---" else {
            throw LessonError(path: path, line: 1, message: "a lesson starts with front matter: a `---` line, `title: ...`, and another `---` line")
        }
        guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingWhitespace) }) else {
            throw LessonError(path: path, line: 1, message: "front matter is never closed: add a `---` line after it")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let frontMatter = try FrontMatter.parse(yaml: yaml, firstLine: 2, path: path)
        return (frontMatter, end + 2)
    }

    /// Finds every fenced code block (CommonMark rules: up to three spaces of indentation,
    /// three or more backticks or tildes, closed by a fence of the same character at least as
    /// long) and keeps the ones whose info string starts `swift experiment`, and the exercises'
    /// `swift exercise`, `swift solution` and `swift checks` blocks.
    private static func parseBlocks(_ lines: [String], from startLine: Int, path: String, isScratch: Bool) throws(LessonError)
        -> ([ExperimentBlock], [Exercise], [Int])
    {
        var blocks: [ExperimentBlock] = []
        var exercises = ExerciseAssembly(path: path, isScratch: isScratch)
        var fenced: [Int] = []
        // Where the prose since the last code block or heading starts: an exercise's introduction.
        var proseStart = startLine
        var lineIndex = startLine - 1
        while lineIndex < lines.count {
            guard let fence = Fence(opening: lines[lineIndex]) else {
                if Self.isHeading(lines[lineIndex]) { proseStart = lineIndex + 1 }
                lineIndex += 1
                continue
            }
            let openingLine = lineIndex + 1
            guard let closing = lines.indices.dropFirst(lineIndex + 1).first(where: { fence.isClosed(by: lines[$0]) }) else {
                throw LessonError(path: path, line: openingLine, message: "code block opened here is never closed with \(fence.marker)")
            }
            fenced += Array(openingLine...(closing + 1))
            let words = fence.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let code = lines[(lineIndex + 1)..<closing].map { fence.removingIndentation($0) }.joined(separator: "\n")
            if words.count >= 2, words[0] == "swift", let kind = ExerciseAssembly.Kind(rawValue: String(words[1])) {
                try exercises.add(
                    kind, Exercise.Part(fenceLine: openingLine, closingFenceLine: closing + 1, code: code),
                    options: Array(words.dropFirst(2)), blocksBefore: blocks.count, introduction: proseStart..<openingLine)
            }
            if words.count >= 2, words[0] == "swift", words[1] == "experiment" {
                try exercises.experimentBlock(at: openingLine)
                let options = try BlockOptions.parse(Array(words.dropFirst(2)), path: path, line: openingLine)
                if let id = options.id, blocks.contains(where: { $0.options.id == id }) {
                    throw LessonError(path: path, line: openingLine, message: "block id `\(id)` is used twice")
                }
                blocks.append(ExperimentBlock(
                    index: blocks.count, fenceLine: openingLine, closingFenceLine: closing + 1,
                    code: code, options: options))
            }
            lineIndex = closing + 1
            proseStart = closing + 2
        }
        try exercises.finish()
        return (blocks, exercises.exercises, fenced)
    }

    /// An ATX heading (`## Title`): an exercise's introduction starts after the last one.
    private static func isHeading(_ line: String) -> Bool {
        let rest = line.drop(while: { $0 == " " })
        guard line.count - rest.count <= 3 else { return false }
        let hashes = rest.prefix(while: { $0 == "#" }).count
        return (1...6).contains(hashes) && (rest.count == hashes || rest.dropFirst(hashes).first == " ")
    }
}

/// An opening code fence and the rules for the line that closes it.
struct Fence {
    let character: Character
    let length: Int
    let indentation: Int
    let info: String

    /// The fence characters, for messages.
    var marker: String { String(repeating: character, count: length) }

    init?(opening line: String) {
        let indentation = line.prefix(while: { $0 == " " }).count
        guard indentation <= 3 else { return nil }
        let rest = line.dropFirst(indentation)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix(while: { $0 == character }).count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingWhitespace
        // A backtick fence's info string may not contain backticks (that is an inline code span).
        if character == "`" && info.contains("`") { return nil }
        self.character = character
        self.length = length
        self.indentation = indentation
        self.info = info
    }

    func isClosed(by line: String) -> Bool {
        let indentation = line.prefix(while: { $0 == " " }).count
        guard indentation <= 3 else { return false }
        let rest = line.dropFirst(indentation)
        let length = rest.prefix(while: { $0 == character }).count
        return length >= self.length && rest.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A content line with up to the fence's own indentation removed, as CommonMark does.
    func removingIndentation(_ line: String) -> String {
        let spaces = min(indentation, line.prefix(while: { $0 == " " }).count)
        return String(line.dropFirst(spaces))
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    var trimmingTrailingWhitespace: String {
        String(reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
