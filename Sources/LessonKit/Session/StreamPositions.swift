/// Byte offsets into a program's standard output and standard error at one moment: where the
/// runner cuts the two streams into each block's output.
public struct StreamPositions: Codable, Equatable, Sendable {
    public let standardOutput: Int
    public let standardError: Int

    public init(standardOutput: Int, standardError: Int) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}
