import Foundation
import LessonKit
import Testing
@testable import Notebook

/// Reading a finished program's channel file.
@Suite struct ChannelFileTests {
    static func line(_ event: ChannelEvent) -> String { String(decoding: event.line, as: UTF8.self) }

    @Test func readsEveryEventAndSkipsLinesThatAreNotEvents() throws {
        let record = ChannelEvent.record(name: "acc", value: .number(0.5), allowsNonFinite: false, file: "lessons/a.md", line: 3)
        let torn = Self.line(.finish(streams: StreamPositions(standardOutput: 1, standardError: 0))).prefix(17)
        let lines = Self.line(.start)
            + "not json\n"
            + "{\"checkpoint\":{\"step\":1}}\n"   // a kind this build does not know
            + "{\"block\":{\"index\":\"one\"}}\n"  // a known kind with the wrong fields
            + "\n"
            + Self.line(record)
            + torn                                // the program died mid-write
        #expect(ChannelFile.events(inLines: Data(lines.utf8)) == [.start, record])
    }

    @Test func aMissingFileHasNoEvents() {
        #expect(ChannelFile.events(at: "/nonexistent/channel-\(UUID().uuidString).jsonl").isEmpty)
    }
}
