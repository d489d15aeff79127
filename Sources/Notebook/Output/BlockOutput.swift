/// What one experiment block printed while the lesson ran.
public struct BlockOutput: Equatable, Sendable {
    /// The block's position among the lesson's experiment blocks.
    public let blockIndex: Int
    /// Everything the block wrote to standard output, as text.
    public var text: String

    public init(blockIndex: Int, text: String) {
        self.blockIndex = blockIndex
        self.text = text
    }
}

/// A lesson after its experiments ran: the parsed lesson and each block's output.
public struct ExecutedLesson: Equatable, Sendable {
    public let lesson: Lesson
    /// One entry per experiment block, in block order.
    public let outputs: [BlockOutput]

    public init(lesson: Lesson, outputs: [BlockOutput]) {
        self.lesson = lesson
        self.outputs = outputs
    }
}
