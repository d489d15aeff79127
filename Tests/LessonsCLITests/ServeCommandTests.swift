import Foundation
import Testing

/// `lessons serve` end to end: a real server process on a free port, raw HTTP requests (so
/// paths reach the server exactly as written, `..` and escapes included).
@Suite struct ServeCommandTests {
    /// A running `lessons serve` and the port it listens on.
    final class Server {
        let process = Process()
        let output = Pipe()
        var port: UInt16 = 0

        init(root: URL) throws {
            process.executableURL = LessonsProcess.executable
            process.arguments = ["serve", "--root", root.path, "--port", "0"]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(60)
            while port == 0 && Date() < deadline {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
                if let range = text.range(of: "http://127.0.0.1:"),
                   let port = UInt16(text[range.upperBound...].prefix(while: \.isNumber)) {
                    self.port = port
                }
            }
        }

        func stop() -> Int32 {
            process.interrupt()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Sends `GET target` and returns the status code and body.
    static func get(_ target: String, port: UInt16) -> (status: Int, body: String) {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(connection) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (0, "") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(connection, $0.baseAddress!, $0.count, 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    @Test func servesPagesRefusesTraversalRebuildsAndStops() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", RunnerTests.lesson(title: "A", order: 1, prose: "First words.", code: "print(\"from the run\")"))
        try project.write("secret.txt", "outside the site")
        let server = try Server(root: project.root)
        #expect(server.port != 0)

        let page = Self.get("/01-a.html", port: server.port)
        #expect(page.status == 200)
        #expect(page.body.contains("First words.") && page.body.contains("from the run"))
        #expect(page.body.contains("/__lessons/generation"), "pages reload themselves")
        #expect(Self.get("/", port: server.port).body.contains("<a href=\"01-a.html\">A</a>"))
        for attempt in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
                        "/a/../../secret.txt", "/%252e%252e/secret.txt", "/..\\secret.txt", "/missing.html"] {
            #expect(Self.get(attempt, port: server.port).status == 404, "\(attempt)")
        }

        let before = Self.get("/__lessons/generation", port: server.port).body
        try project.write(lesson: "01-a.md", RunnerTests.lesson(title: "A", order: 1, prose: "Edited words.", code: "print(\"from the run\")"))
        var rebuilt = false
        let deadline = Date().addingTimeInterval(30)
        while !rebuilt && Date() < deadline {
            usleep(200_000)
            rebuilt = Self.get("/01-a.html", port: server.port).body.contains("Edited words.")
        }
        #expect(rebuilt)
        #expect(Self.get("/__lessons/generation", port: server.port).body != before)
        #expect(server.stop() == 0, "Ctrl-C stops the server cleanly")
    }

    /// Browsers open connections ahead of need and leave them silent; a page must still come
    /// at once.
    @Test func idleConnectionsDoNotHoldUpRequests() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write(lesson: "01-a.md", RunnerTests.lesson(title: "A", order: 1, prose: "Words.", code: "print(1)"))
        let server = try Server(root: project.root)
        #expect(server.port != 0)
        var idle: [Int32] = []
        defer { idle.forEach { close($0) } }
        for _ in 0..<200 {
            let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = server.port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            idle.append(connection)
        }
        // Two of them send half a request and stall.
        for connection in idle.prefix(2) { _ = Array("GET /01-a.html HTTP/1.1\r\n".utf8).withUnsafeBytes { send(connection, $0.baseAddress!, $0.count, 0) } }
        var slowest = 0.0
        for _ in 0..<5 {
            let started = Date()
            let page = Self.get("/01-a.html", port: server.port)
            slowest = max(slowest, Date().timeIntervalSince(started))
            #expect(page.status == 200)
        }
        #expect(slowest < 0.1, "a page took \(slowest) s with 200 idle connections open")
        #expect(server.stop() == 0)
    }
}
