/// Hochreiter & Schmidhuber's experiment 6a, "temporal order", as set up in the NYU course:
/// classify a sequence by the order in which two relevant symbols appear far apart among
/// distractors.
///
/// A sequence starts with `B`, ends with `E`, and is otherwise random distractors `a b c d`,
/// except at positions `t1` and `t2`, which hold `X` or `Y`. The class is
/// `Q` (X…X), `R` (X…Y), `S` (Y…X) or `U` (Y…Y). Symbols are one-hot over 8 in the order
/// `X Y a b c d B E`; a batch pads shorter sequences with zero vectors at the front, so every
/// sequence ends at the last step, where the classifier reads.
public struct TemporalOrder: Sendable {
    /// Sequence length and the ranges of `t1` and `t2` (0-based positions, all inclusive).
    public enum Difficulty: String, CaseIterable, Sendable {
        case easy, normal, moderate, hard, nightmare

        public var lengths: ClosedRange<Int> {
            switch self {
            case .easy: 7...8
            case .normal: 30...40
            case .moderate: 60...80
            case .hard: 100...110
            case .nightmare: 300...500
            }
        }

        public var firstPositions: ClosedRange<Int> {
            switch self {
            case .easy: 1...2
            case .normal: 2...5
            case .moderate, .hard: 10...20
            case .nightmare: 10...80
            }
        }

        public var secondPositions: ClosedRange<Int> {
            switch self {
            case .easy: 4...5
            case .normal: 20...27
            case .moderate: 45...54
            case .hard: 50...60
            case .nightmare: 250...290
            }
        }
    }

    /// The symbols in one-hot order.
    public static let symbols: [Character] = ["X", "Y", "a", "b", "c", "d", "B", "E"]
    /// The class names in label order.
    public static let classNames: [Character] = ["Q", "R", "S", "U"]
    public static let symbolCount = 8
    public static let classCount = 4

    public let difficulty: Difficulty

    public init(difficulty: Difficulty) {
        self.difficulty = difficulty
    }

    /// One labelled sequence of symbol indices.
    public func sample(generator: inout RandomGenerator) -> (sequence: [Int], label: Int) {
        let length = generator.integer(in: difficulty.lengths)
        let first = generator.integer(in: difficulty.firstPositions)
        let second = generator.integer(in: difficulty.secondPositions)
        var sequence = (0..<length).map { _ in 2 + generator.integer(in: 0..<4) }
        sequence[0] = 6
        sequence[length - 1] = 7
        let label = generator.integer(in: 0..<4)
        // Q: X X, R: X Y, S: Y X, U: Y Y — the label's two bits are the two symbols.
        sequence[first] = label / 2
        sequence[second] = label % 2
        return (sequence, label)
    }

    /// A batch of sequences, one-hot and padded at the front to the longest.
    public func batch(size: Int, generator: inout RandomGenerator) -> ClassificationBatch {
        let samples = (0..<size).map { _ in sample(generator: &generator) }
        let longest = samples.map(\.sequence.count).max() ?? 0
        let padded = samples.map { [Int](repeating: -1, count: longest - $0.sequence.count) + $0.sequence }
        return ClassificationBatch(
            inputs: Tensor.oneHot(padded, classes: Self.symbolCount), labels: samples.map(\.label),
            sequences: samples.map(\.sequence))
    }

    /// The sequence as text, for example `BbXcXcbE`.
    public static func decode(_ sequence: [Int]) -> String {
        String(sequence.map { symbols[$0] })
    }

    /// Symbol indices of a text such as `BbXcXcbE`; `nil` if a character is not a symbol.
    public static func encode(_ text: String) -> [Int]? {
        var result: [Int] = []
        for character in text {
            guard let index = symbols.firstIndex(of: character) else { return nil }
            result.append(index)
        }
        return result
    }
}

/// Sequences with one class label each.
public struct ClassificationBatch: Sendable {
    /// `[batch, time, symbols]`, one-hot, front-padded with zero vectors.
    public let inputs: Tensor
    /// One class index per sequence.
    public let labels: [Int]
    /// The unpadded sequences as symbol indices.
    public let sequences: [[Int]]
}
