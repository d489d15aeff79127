import Foundation
import Testing

/// Compares `text` with the golden file `Golden/NAME.txt` beside the tests. With
/// `LESSONS_WRITE_GOLDEN=1` the file is (re)written instead; review the diff before committing.
func expectGolden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["LESSONS_WRITE_GOLDEN"] == "1" {
        try! (text + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); run with LESSONS_WRITE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
        return
    }
    #expect(text + "\n" == expected, "golden \(name)", sourceLocation: sourceLocation)
}
