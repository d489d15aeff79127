import Foundation
import Testing
@testable import LessonKit

@Suite struct OutputChannelTests {
    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("channel-\(UUID().uuidString).jsonl").path
    }

    @Test func writesOneLinePerEventInOrder() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let channel = OutputChannel(path: path)
        channel.send(.start)
        channel.send(.block(index: 2, streams: StreamPositions(standardOutput: 10, standardError: 3)))
        channel.send(.data(path: "lessons/data/a.txt"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
            {"start":{}}
            {"block":{"index":2,"streams":{"standardError":3,"standardOutput":10}}}
            {"data":{"path":"lessons/data/a.txt"}}

            """)
    }

    @Test func appendsToWhatIsAlreadyThere() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        OutputChannel(path: path).send(.start)
        OutputChannel(path: path).send(.data(path: "x"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try ChannelEvent(line: Data($0.utf8)) } == [.start, .data(path: "x")])
    }

    @Test func concurrentSendsNeverInterleave() async throws {
        // One write per record on an O_APPEND descriptor: every line is a whole event.
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let channel = OutputChannel(path: path)
        let long = String(repeating: "x", count: 10_000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for step in 0..<50 { channel.send(.progress(label: "\(task) \(long)", done: step, total: 50)) }
                }
            }
        }
        let lines = try #require(FileManager.default.contents(atPath: path)).split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 400)
        #expect(lines.allSatisfy { (try? ChannelEvent(line: $0)) != nil })
    }

    @Test func withoutAPathNothingIsWritten() {
        // A program run outside `lessons` has no channel; sending must be harmless.
        let channel = OutputChannel(path: nil)
        #expect(!channel.isConnected)
        channel.send(.start)
    }
}
