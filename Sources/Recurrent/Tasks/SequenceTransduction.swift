/// Copy and reverse tasks for encoder–decoder lessons: read a sequence of random symbols, then
/// write it back unchanged or reversed.
public struct SequenceTransduction: Sendable {
    /// Whether the target is the input sequence as it was (`copy`) or back to front (`reverse`).
    public enum Kind: Sendable { case copy, reverse }

    public let kind: Kind
    /// Symbols are `0 ..< alphabetSize`.
    public let alphabetSize: Int
    public let lengths: ClosedRange<Int>

    public init(_ kind: Kind, alphabetSize: Int, lengths: ClosedRange<Int>) {
        require(alphabetSize > 0 && lengths.lowerBound > 0, "SequenceTransduction: alphabet \(alphabetSize), lengths \(lengths)")
        self.kind = kind
        self.alphabetSize = alphabetSize
        self.lengths = lengths
    }

    /// One source sequence and its target.
    public func sample(generator: inout RandomGenerator) -> (source: [Int], target: [Int]) {
        let length = generator.integer(in: lengths)
        let source = (0..<length).map { _ in generator.integer(in: 0..<alphabetSize) }
        return (source, kind == .copy ? source : source.reversed())
    }
}
