/// A text as a sequence of character indices, and the batch-ification of language modelling.
public struct CharacterCorpus: Sendable {
    /// Every distinct character of the text, sorted by Unicode scalar value; a character's
    /// index is its position here.
    public let vocabulary: [Character]
    /// The text as indices into `vocabulary`.
    public let indices: [Int]

    public init(text: String) {
        vocabulary = Set(text).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let lookup = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        indices = text.map { lookup[$0]! }
    }

    /// Indices of `text`; `nil` if a character is not in the vocabulary.
    public func encode(_ text: String) -> [Int]? {
        var result: [Int] = []
        for character in text {
            guard let index = vocabulary.firstIndex(of: character) else { return nil }
            result.append(index)
        }
        return result
    }

    public func decode(_ indices: [Int]) -> String {
        String(indices.map { vocabulary[$0] })
    }
}

/// A long sequence cut into `batchSize` equal columns, time running down each column, then
/// read in windows of `period` steps for truncated back-propagation through time.
///
/// With the letters a…x, batch size 4 and period 3, the columns are a–f, g–l, m–r and s–x;
/// the first window's inputs are the rows `a g m s`, `b h n t`, `c i o u` and its targets
/// the same rows one step later, `b h n t`, `c i o u`, `d j p v`. The leftover symbols that
/// do not fill a whole row are dropped.
public struct BatchifiedSequence: Sendable {
    /// `[batchSize][length]`: column `b` holds `data[b * length ..< (b + 1) * length]`.
    public let columns: [[Int]]
    public let period: Int

    public init(_ data: [Int], batchSize: Int, period: Int) {
        require(batchSize > 0 && period > 0, "BatchifiedSequence: batchSize \(batchSize), period \(period)")
        let length = data.count / batchSize
        columns = (0..<batchSize).map { Array(data[($0 * length)..<(($0 + 1) * length)]) }
        self.period = period
    }

    /// Steps per column.
    public var length: Int { columns.first?.count ?? 0 }

    /// Windows per pass: each needs one more step for its targets, so the last may be shorter.
    public var windowCount: Int { length < 2 ? 0 : (length - 2) / period + 1 }

    /// Window `index`: `inputs` and `targets` as `[batchSize][steps]`, targets one step ahead.
    public func window(_ index: Int) -> (inputs: [[Int]], targets: [[Int]]) {
        require(index >= 0 && index < windowCount, "BatchifiedSequence.window: \(index) outside 0..<\(windowCount)")
        let start = index * period
        let steps = Swift.min(period, length - 1 - start)
        return (columns.map { Array($0[start..<(start + steps)]) }, columns.map { Array($0[(start + 1)...(start + steps)]) })
    }
}
