/// The NYU course's echo task: a long random bit stream whose target is the same stream
/// `echoStep` steps later, learned in chunks with the hidden state carried from one chunk to
/// the next.
public struct SignalEcho: Sendable {
    /// How many steps the target lags the input.
    public let echoStep: Int
    /// `[batchSize][length]`: independent bit streams, one per batch row.
    public let bits: [[Float]]

    /// - Parameters:
    ///   - echoStep: the delay; the first `echoStep` targets of each stream are 0.
    ///   - length: steps per stream.
    ///   - batchSize: independent streams.
    public init(echoStep: Int = 3, length: Int, batchSize: Int, generator: inout RandomGenerator) {
        require(echoStep >= 0 && length > echoStep && batchSize > 0,
                "SignalEcho: echoStep \(echoStep), length \(length), batchSize \(batchSize)")
        self.echoStep = echoStep
        bits = (0..<batchSize).map { _ in (0..<length).map { _ in Float(generator.integer(in: 0...1)) } }
    }

    public var length: Int { bits.first?.count ?? 0 }

    /// Steps `range` of every stream: inputs and targets `[batchSize, range.count, 1]`.
    public func chunk(_ range: Range<Int>) -> (inputs: Tensor, targets: Tensor) {
        require(range.lowerBound >= 0 && range.upperBound <= length, "SignalEcho.chunk: \(range) outside 0..<\(length)")
        let inputs = bits.flatMap { $0[range] }
        let targets = bits.flatMap { stream in range.map { $0 >= echoStep ? stream[$0 - echoStep] : 0 } }
        let shape = [bits.count, range.count, 1]
        return (Tensor(shape: shape, scalars: inputs), Tensor(shape: shape, scalars: targets))
    }

    /// Consecutive chunk ranges covering the streams, each `chunkLength` long (the last may
    /// be shorter).
    public func chunkRanges(length chunkLength: Int) -> [Range<Int>] {
        stride(from: 0, to: length, by: chunkLength).map { $0..<Swift.min($0 + chunkLength, length) }
    }
}
