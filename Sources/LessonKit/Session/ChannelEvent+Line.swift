import Foundation

/// The one wire format of the channel, used by both ends: an event is one line of compact JSON
/// with sorted keys, so the same records always give the same bytes.
extension ChannelEvent {
    /// The event as one line of the channel, newline included.
    public var line: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: NonFinite.infinity, negativeInfinity: NonFinite.negativeInfinity, nan: NonFinite.nan)
        // Cannot fail: every field is text, an integer, a Boolean or a Double, and a Double
        // that JSON cannot write as a number is written as text.
        var data = try! encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The event one line of the channel holds (without its newline).
    ///
    /// - Throws: `DecodingError` when the line is not an event: torn by a program that died
    ///   mid-write, or of a kind this build does not know.
    public init(line: some DataProtocol) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: NonFinite.infinity, negativeInfinity: NonFinite.negativeInfinity, nan: NonFinite.nan)
        self = try decoder.decode(ChannelEvent.self, from: Data(line))
    }

    /// NaN and infinities as text, spelled as Swift prints them. A recorded value spells its
    /// own (keeping NaN's sign, see `RecordedValue`); this covers any other Double.
    private enum NonFinite {
        static let infinity = "inf"
        static let negativeInfinity = "-inf"
        static let nan = "nan"
    }
}
