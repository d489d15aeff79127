/// A fenced ```` ```swift experiment ```` block of a lesson: code the runner executes.
public struct ExperimentBlock: Equatable, Sendable {
    /// Position among the lesson's experiment blocks, from 0.
    public let index: Int
    /// 1-based file line of the opening fence; errors about the block as a whole point here.
    public let fenceLine: Int
    /// 1-based file line of the last line of the block (its closing fence).
    public let closingFenceLine: Int
    /// The code between the fences, lines joined with `\n`, without a final newline.
    public let code: String
    /// The options written after `experiment` on the fence.
    public let options: BlockOptions

    /// 1-based file line of the first line of code.
    public var firstCodeLine: Int { fenceLine + 1 }

    /// The block's anchor on its page: `block-ID` for a block with `id=ID`, otherwise
    /// `block-L` and its fence line.
    public var anchor: String { "block-" + (options.id ?? "L\(fenceLine)") }

    /// Whether lesson line `line` lies inside the block's code.
    public func contains(line: Int) -> Bool { line > fenceLine && line < closingFenceLine }
}

/// Options after `swift experiment` on an opening fence, for example
/// ```` ```swift experiment hide-code id=training ````.
public struct BlockOptions: Equatable, Sendable {
    /// Show the block's output but fold its code away.
    public var hideCode = false
    /// Run the block but show none of its output.
    public var hideOutput = false
    /// A name for the block, unique in the lesson, used in anchors and messages.
    public var id: String?

    public init(hideCode: Bool = false, hideOutput: Bool = false, id: String? = nil) {
        self.hideCode = hideCode
        self.hideOutput = hideOutput
        self.id = id
    }

    /// Reads the words after `experiment`. An unknown word is an error: a misspelt option
    /// silently ignored would show code the author meant to hide.
    static func parse(_ words: [Substring], path: String, line: Int) throws(LessonError) -> BlockOptions {
        var options = BlockOptions()
        for word in words {
            if word == "hide-code" {
                options.hideCode = true
            } else if word == "hide-output" {
                options.hideOutput = true
            } else if word.hasPrefix("id=") {
                let id = word.dropFirst(3)
                guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw LessonError(path: path, line: line, message: "block id `\(id)` must be letters, digits, `-` or `_`")
                }
                options.id = String(id)
            } else {
                throw LessonError(
                    path: path, line: line,
                    message: "unknown experiment option `\(word)` (known: hide-code, hide-output, id=NAME)")
            }
        }
        return options
    }
}
