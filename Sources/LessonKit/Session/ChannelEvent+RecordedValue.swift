extension ChannelEvent {
    /// A value sent with `record`: a number or a piece of text.
    public enum RecordedValue: Equatable, Sendable {
        case number(Double)
        case text(String)
    }
}

/// `{"number":0.5}` or `{"text":"LSTM"}`. A number that is NaN or infinite, which JSON cannot
/// write as a number, travels as its Swift spelling (`"nan"`, `"-nan"`, `"inf"`, `"-inf"`):
/// the encoder's non-conforming float strategy alone would turn `-nan` — what `0 / 0` gives on
/// x86-64 — into `nan`, and the page's tooltip and `lessons run` show the sign.
extension ChannelEvent.RecordedValue: Codable {
    private enum CodingKeys: CodingKey {
        case number, text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let value) where value.isFinite: try container.encode(value, forKey: .number)
        case .number(let value): try container.encode("\(value)", forKey: .number)
        case .text(let text): try container.encode(text, forKey: .text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else if let value = try? container.decode(Double.self, forKey: .number) {
            self = .number(value)
        } else if let value = Double(try container.decode(String.self, forKey: .number)), !value.isFinite {
            self = .number(value)
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .number, in: container, debugDescription: "a number spelled as text must be nan or an infinity")
        }
    }
}
