import Foundation
import LessonKit
import Testing
@testable import Notebook

/// Following a running program's channel file as it grows.
@Suite struct ChannelTailTests {
    @Test func anEventIsReadOnceWhenItsLineIsComplete() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tail-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var tail = ChannelTail(path: path)
        #expect(tail.newEvents().isEmpty, "no file yet")
        let progress = ChannelEvent.progress(label: "training", done: 1, total: 4)
        let block = ChannelEvent.block(index: 0, streams: StreamPositions(standardOutput: 0, standardError: 0))
        let bytes = progress.line + "garbage\n".utf8 + block.line
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: bytes.prefix(10))
        #expect(tail.newEvents().isEmpty, "half a line waits for the rest")
        try handle.write(contentsOf: bytes.dropFirst(10).dropLast(5))
        #expect(tail.newEvents() == [progress], "the garbage line is skipped, the torn one waits")
        try handle.write(contentsOf: bytes.suffix(5))
        #expect(tail.newEvents() == [block])
        #expect(tail.newEvents().isEmpty, "each event is read once")
    }
}
