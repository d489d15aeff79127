import Foundation
import Testing

/// Inputs a new user meets: Windows line endings, awkward file names, odd titles, bytes that
/// are not UTF-8, a wrong --root, huge orders, a missing data file.
@Suite struct InputEdgeCaseTests {
    @Test func windowsLineEndingsBuild() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let text = "---\ntitle: CRLF\norder: 1\n---\n\nValue {{v}}.\n\n```swift experiment\nrecord(\"v\", 42)\n```\n"
        try project.write(lesson: "01-crlf.md", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let result = try project.build()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(withoutValueLinks(try project.read("site/01-crlf.html")).contains("Value 42."))
    }

    @Test func awkwardFileNamesGetWorkingLinksAndAQuotedCommand() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01 what #1? 100%.md", "---\ntitle: Odd\norder: 1\n---\n\n```swift experiment\nprint(1)\n```\n")
        #expect(try project.build().status == 0)
        let index = try project.read("site/index.html")
        #expect(index.contains("href=\"01%20what%20%231%3F%20100%25.html\""), "\(index)")
        let page = try project.read("site/01 what #1? 100%.html")
        #expect(page.contains("lessons run &#39;lessons/01 what #1? 100%.md&#39;</code>"))
    }

    @Test func newWritesValidYAMLForAnyTitleAndShortFileNames() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let tricky = try project.command("new", [#"Back\slash "quoted": a title"#])
        #expect(tricky.status == 0, "\(tricky.standardError)")
        let long = try project.command("new", [String(repeating: "very long words ", count: 20)])
        #expect(long.status == 0, "\(long.standardError)")
        #expect(long.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).count < 90)
        let list = try project.command("list")
        #expect(list.standardOutput.contains(#"Back\slash "quoted": a title (1 experiment block)"#), "\(list.standardOutput)")
        #expect(!list.standardOutput.contains("cannot be parsed"))
    }

    @Test func hugeOrdersDoNotWrap() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-big.md", "---\ntitle: Big\norder: 3000000000\n---\n")
        let list = try project.command("list")
        #expect(list.standardOutput.contains("3000000000  lessons/01-big.md"), "\(list.standardOutput)")
        let new = try project.command("new", ["Next"])
        #expect(new.standardOutput.contains("lessons/3000000001-next.md"), "\(new.standardOutput)")
    }

    @Test func bytesThatAreNotUTF8AreNamedByLine() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        var bytes = Array("---\ntitle: Latin\n---\n\nCaf".utf8)
        bytes.append(0xE9)  // é in Latin-1
        bytes += Array(" au lait.\n".utf8)
        try Data(bytes).write(to: project.root.appendingPathComponent("lessons/01-latin.md"))
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/01-latin.md:5:4: the lesson is not UTF-8 text: byte 0xE9"), "\(result.standardError)")
    }

    @Test func aRootThatIsNotAProjectIsNamedAndLeftAlone() throws {
        let missing = try LessonsProcess.run(["build", "--root", "/nonexistent-\(UUID().uuidString)"])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no such folder"), "\(missing.standardError)")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try LessonsProcess.run(["build", "--root", empty.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("has no lessons/ folder"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty, "no cache folder was created")
    }

    @Test func aMissingDataFileIsNamedWithWhatIsThere() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("lessons/data/present.txt", "1")
        try project.write(lesson: "01-data.md", "---\ntitle: Data\n---\n\n```swift experiment\nprint(readLessonData(\"absent.txt\"))\n```\n")
        let result = try project.build()
        #expect(result.status != 0)
        #expect(result.standardError.contains("lessons/data/absent.txt does not exist; lessons/data/ holds present.txt"), "\(result.standardError)")
        #expect(!result.standardError.contains("project root"))
    }
}
