import Foundation

/// A small HTTP/1.1 server for the site on 127.0.0.1: GET and HEAD of files inside one
/// directory, nothing else. Every response closes its connection.
///
/// HTML pages get a few lines of script that ask `/__lessons/generation` once a second and
/// reload the page when a rebuild has changed it; the files on disk are untouched.
final class StaticFileServer: @unchecked Sendable {
    let root: URL
    private let listener: Int32
    /// The port bound (useful when 0 asked for any free port).
    let port: UInt16
    private let lock = NSLock()
    private var generationValue = 0

    /// The reload counter pages poll.
    var generation: Int {
        get { lock.withLock { generationValue } }
        set { lock.withLock { generationValue = newValue } }
    }

    init(root: URL, port: UInt16) throws {
        self.root = root.resolvingSymlinksInPath()
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw ServerError(message: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw ServerError(message: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Accepts connections forever on a background thread.
    func start() {
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { continue }
                DispatchQueue.global().async { self.handle(connection) }
            }
        }
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 16_384, !head.contains("\r\n\r\n".data(using: .utf8)!) {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            head.append(contentsOf: buffer[0..<count])
        }
        let response = respond(to: HTTPRequest(head: String(decoding: head, as: UTF8.self)))
        response.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let count = send(connection, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { break }
                sent += count
            }
        }
    }

    /// The full response (head and body) for a request.
    func respond(to request: HTTPRequest?) -> Data {
        guard let request else { return Self.response(400, "Bad Request", type: "text/plain", body: Data("bad request\n".utf8)) }
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.response(405, "Method Not Allowed", type: "text/plain", body: Data("only GET and HEAD\n".utf8))
        }
        let includeBody = request.method == "GET"
        if request.target == "/__lessons/generation" {
            return Self.response(200, "OK", type: "text/plain", body: Data("\(generation)".utf8), includeBody: includeBody)
        }
        guard let path = request.sitePath else { return Self.notFound(includeBody) }
        let file = root.appendingPathComponent(path).resolvingSymlinksInPath()
        // Symbolic links must not lead out of the site either.
        guard file.path.hasPrefix(root.path + "/"), var data = FileManager.default.contents(atPath: file.path) else {
            return Self.notFound(includeBody)
        }
        let type = Self.contentType(file.pathExtension)
        if type.hasPrefix("text/html") { data = withReloadScript(data) }
        return Self.response(200, "OK", type: type, body: data, includeBody: includeBody)
    }

    private func withReloadScript(_ page: Data) -> Data {
        let script = """
            <script>
            (function () {
              var seen = null;
              setInterval(function () {
                fetch("/__lessons/generation").then(function (r) { return r.text(); }).then(function (g) {
                  if (seen !== null && g !== seen) { location.reload(); }
                  seen = g;
                }).catch(function () {});
              }, 1000);
            })();
            </script>
            </body>
            """
        let text = String(decoding: page, as: UTF8.self)
        guard let range = text.range(of: "</body>", options: .backwards) else { return page }
        return Data(text.replacingCharacters(in: range, with: script).utf8)
    }

    private static func notFound(_ includeBody: Bool) -> Data {
        response(404, "Not Found", type: "text/plain", body: Data("not found\n".utf8), includeBody: includeBody)
    }

    static func response(_ status: Int, _ reason: String, type: String, body: Data, includeBody: Bool = true) -> Data {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        head += "Content-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        return Data(head.utf8) + (includeBody ? body : Data())
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

struct ServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
