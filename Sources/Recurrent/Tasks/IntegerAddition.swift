/// Addition written as characters, a small cousin of "learning to execute": the input is
/// `"37+485="`, the target `"522"`. Numbers have a random count of digits in `digits`.
public struct IntegerAddition: Sendable {
    /// The characters, in index order: digits, `+`, `=`, and a space for padding.
    public static let alphabet: [Character] = Array("0123456789+= ")
    public let digits: ClosedRange<Int>

    public init(digits: ClosedRange<Int>) {
        require(digits.lowerBound >= 1 && digits.upperBound <= 9, "IntegerAddition: digits \(digits) must lie in 1...9")
        self.digits = digits
    }

    /// The longest input, `"999+999="`-style, and the longest answer.
    public var maximumQuestionLength: Int { 2 * digits.upperBound + 2 }
    public var maximumAnswerLength: Int { digits.upperBound + 1 }

    /// Two operands, the question text and the answer text.
    public func sample(generator: inout RandomGenerator) -> (a: Int, b: Int, question: String, answer: String) {
        func number() -> Int {
            let count = generator.integer(in: digits)
            let low = count == 1 ? 0 : Int(pow10(count - 1))
            return generator.integer(in: low..<Int(pow10(count)))
        }
        let a = number()
        let b = number()
        return (a, b, "\(a)+\(b)=", "\(a + b)")
    }

    /// Indices of `text` in `alphabet`, padded with spaces on the right to `length` if given.
    public static func encode(_ text: String, length: Int? = nil) -> [Int] {
        let padded = length.map { text + String(repeating: " ", count: Swift.max(0, $0 - text.count)) } ?? text
        return padded.map { character in
            guard let index = alphabet.firstIndex(of: character) else {
                fatalError("IntegerAddition.encode: '\(character)' is not in the alphabet")
            }
            return index
        }
    }

    /// The text of `indices`, without trailing padding.
    public static func decode(_ indices: [Int]) -> String {
        var text = String(indices.map { alphabet[$0] })
        while text.last == " " { text.removeLast() }
        return text
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
