import Foundation

extension Lesson {
    /// Reads and parses the lesson file at `url`, reported as `path`.
    ///
    /// - Throws: `LessonError` for a file that cannot be read, for bytes that are not UTF-8
    ///   (at the line and column of the first bad byte), or for anything `init(text:path:)`
    ///   rejects. Windows line endings (CRLF) are read like any other.
    public static func load(from url: URL, path: String) throws(LessonError) -> Lesson {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LessonError(path: path, line: nil, message: "cannot read the lesson: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column, byte) = firstInvalidUTF8(in: data)
            throw LessonError(path: path, line: line, column: column, message: String(
                format: "the lesson is not UTF-8 text: byte 0x%02X here is no UTF-8 character (save the file as UTF-8)", byte))
        }
        return try Lesson(text: text, path: path)
    }

    /// Where the first byte that breaks UTF-8 sits: 1-based line and column (in bytes), and the byte.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int, byte: UInt8) {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1; lineStart = index + 1; index += 1; continue }
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1, byte)
            }
            guard index + length <= bytes.count else { return (line, index - lineStart + 1, byte) }
            // A lead byte without its continuation bytes: the character that starts here is broken.
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 {
                return (line, index - lineStart + 1, byte)
            }
            index += length
        }
        return (line, index - lineStart + 1, 0)
    }
}
