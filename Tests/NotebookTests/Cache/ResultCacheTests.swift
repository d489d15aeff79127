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
}
