import Foundation
import Testing
@testable import LessonKit

@Suite struct OutputChannelTests {
    @Test func writesOneSortedJSONObjectPerLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("channel-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let channel = OutputChannel(path: path)
        channel.send(["event": .string("block"), "index": .integer(2)])
        channel.send(["text": .string("a \"quoted\"\nline\u{1}"), "ok": .bool(true), "x": .number(0.5)])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
            {"event":"block","index":2}
            {"ok":true,"text":"a \\"quoted\\"\\nline\\u0001","x":0.5}

            """)
    }

    @Test func recordsParseAsJSON() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("channel-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        OutputChannel(path: path).send(["name": .string("tab\there ✓ \\ /"), "nan": .number(.nan)])
        let line = try #require(FileManager.default.contents(atPath: path))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["name"] as? String == "tab\there ✓ \\ /")
        #expect(object["nan"] as? String == "nan")
    }

    @Test func withoutAPathNothingIsWritten() {
        // A program run outside `lessons` has no channel; sending must be harmless.
        OutputChannel(path: nil).send(["event": .string("start")])
    }
}
