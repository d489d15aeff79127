import Foundation
import Testing
@testable import Notebook

@Suite struct ResultCacheTests {
    static let lessonText = """
        ---
        title: Cached
        summary: A lesson whose result is cached.
        order: 1
        ---

        ```swift experiment
        print(1)
        ```
        """

    /// A lesson that recorded NaN (with its sign) and the infinities was once never cached:
    /// the cache's plain JSON encoder refused non-finite numbers, silently. It must come back
    /// with every value spelled as it was recorded.
    @Test func keepsNonFiniteValuesWithTheirSign() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("result-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let lesson = try Lesson(text: Self.lessonText, path: "lessons/01-cached.md")
        let values: [String: RecordedValue] = [
            "negativeNaN": .number(-Double.nan), "nan": .number(.nan), "up": .number(.infinity),
            "down": .number(-.infinity), "tenth": .number(0.1), "name": .text("LSTM"),
        ]
        let executed = ExecutedLesson(
            lesson: lesson, outputs: [], values: values, recordLines: Dictionary(uniqueKeysWithValues: values.keys.map { ($0, 9) }),
            nonFiniteAllowed: ["negativeNaN", "nan", "up", "down"])
        let cache = ResultCache(directory: root.appendingPathComponent("cache"))
        try cache.store(executed, key: "k", seconds: 1, projectRoot: root)

        let restored = try #require(cache.result(for: lesson, key: "k", projectRoot: root))
        #expect(restored.values.mapValues(\.plainText) == values.mapValues(\.plainText))
        #expect(restored.values["negativeNaN"]?.plainText == "-nan")
        #expect(restored.nonFiniteAllowed == executed.nonFiniteAllowed)
        #expect(cache.result(for: lesson, key: "other", projectRoot: root) == nil)
    }

    /// Prose added above a block moves its code; a cached result's `record` and `expect`
    /// lines must move with it, each by as much as its own block moved.
    @Test func linesFollowTheirBlockAfterAProseEdit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("result-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func text(before first: String, before second: String) -> String {
            "---\ntitle: Two blocks\norder: 1\n---\n\(first)\n```swift experiment\nrecord(\"a\", 1)\n```\n\(second)\n```swift experiment\nrecord(\"b\", 2)\nexpect(true, \"b\")\n```\n"
        }
        let lesson = try Lesson(text: text(before: "One.", before: "Two."), path: "lessons/01-two.md")
        #expect(lesson.blocks.map(\.fenceLine) == [6, 10])
        let executed = ExecutedLesson(
            lesson: lesson, outputs: [], values: ["a": .number(1), "b": .number(2)], recordLines: ["a": 7, "b": 11],
            nonFiniteAllowed: [], claims: [Claim(text: "b", holds: true, detail: nil, line: 12)])
        let cache = ResultCache(directory: root.appendingPathComponent("cache"))
        try cache.store(executed, key: "k", seconds: 1, projectRoot: root)

        let edited = try Lesson(text: text(before: "One.\n\nMore.", before: "Two.\n\nMore.\n\nAnd more."), path: "lessons/01-two.md")
        #expect(edited.blocks.map(\.fenceLine) == [8, 16])
        let restored = try #require(cache.result(for: edited, key: "k", projectRoot: root))
        #expect(restored.recordLines == ["a": 9, "b": 17])
        #expect(restored.claims.map(\.line) == [18])
    }
}
