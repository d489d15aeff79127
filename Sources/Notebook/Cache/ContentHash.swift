import Foundation

/// A 64-bit FNV-1a digest of bytes, written as 16 hex digits: the fingerprint cache keys are
/// made of. Not cryptographic — it only has to change when the content changes.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01B3
        }
        self.state = state
    }

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    /// Adds `text` and a separator, so `("ab", "c")` and `("a", "bc")` differ.
    public mutating func add(_ text: String) {
        var copy = text + "\u{0}"
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of a file's bytes, or `nil` if it cannot be read.
    public static func ofFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash = ContentHash()
        hash.add(data)
        return hash.hex
    }
}
