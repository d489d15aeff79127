import Testing
@testable import Notebook

@Suite struct DiagnosticsTests {
    @Test func compilerErrorIsLocatedAtItsFirstError() {
        let output = """
            lessons/b.md:6:14: error: cannot convert value of type 'String' to specified type 'Int'
            let n: Int = "text"
                         ^~~~~~
            lessons/b.md:9:1: error: cannot find 'y' in scope
            y
            ^

            """
        let error = CompilerDiagnostics(output: output, lessonPath: "lessons/b.md").error
        #expect(error.line == 6)
        #expect(error.column == 14)
        #expect(error.description == """
            lessons/b.md:6:14: cannot convert value of type 'String' to specified type 'Int'
            let n: Int = "text"
                         ^~~~~~
            lessons/b.md:9:1: error: cannot find 'y' in scope
            y
            ^
            """)
    }

    @Test func warningsAreNotErrors() {
        let output = "lessons/b.md:3:5: warning: unused\nlessons/b.md:4:2: error: bad\n"
        let error = CompilerDiagnostics(output: output, lessonPath: "lessons/b.md").error
        #expect(error.line == 4)
    }

    @Test func trapMessageDropsStandardLibraryLocations() {
        #expect(ProgramTranscript.trapMessage("Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n")
            == "Fatal error: Index out of range")
        #expect(ProgramTranscript.trapMessage("lessons/a.md:12: Fatal error: boom") == "lessons/a.md:12: Fatal error: boom")
        #expect(ProgramTranscript.trapMessage("/src/Recurrent/Support/Require.swift:8: Fatal error: matmul: shapes")
            == "Fatal error: matmul: shapes")
        #expect(ProgramTranscript.trapMessage("nothing here") == nil)
    }

    @Test func stackTraceIsRemoved() {
        let text = "Fatal error: x\nCurrent stack trace:\n0    libswiftCore.so  0x1 f\n1    experiment 0x2 g\nafter\n"
        #expect(ProgramTranscript.withoutStackTrace(text) == "Fatal error: x\nafter")
    }
}
