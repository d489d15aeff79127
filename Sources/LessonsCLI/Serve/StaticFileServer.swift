import Foundation

/// A small HTTP/1.1 server for the site on 127.0.0.1: GET and HEAD of files inside one
/// directory, nothing else. Every response closes its connection.
///
/// One thread serves every connection from a `poll` loop over non-blocking sockets, so idle
/// connections — browsers open speculative ones and leave them silent — cost nothing but a
/// slot, and never hold up a request on another connection. A connection silent for 30
/// seconds is closed.
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
        // The queue of connections not yet accepted: when it is full the kernel drops the next
        // connection's handshake, and the browser retries only a second later. 64 was full
        // under load with the 200 idle connections of `idleConnectionsDoNotHoldUpRequests`
        // (a page took 1.02 s); the system's limit (`somaxconn`) is the one cap that matters.
        guard bound == 0, listen(listener, SOMAXCONN) == 0 else {
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

    /// A connection being served: what it sent so far, then the response being written.
    private struct Connection {
        var request = Data()
        var response: Data?
        var sent = 0
        var lastActivity = Date()
    }

    /// Seconds a connection may stay silent before it is closed.
    static let idleTimeout: Double = 30
    /// Bytes of request head read at most; a longer head gets its answer (400) anyway.
    static let headLimit = 16_384

    /// Serves connections forever on a background thread.
    func start() {
        Thread.detachNewThread { [self] in serve() }
    }

    private func serve() {
        Self.makeNonBlocking(listener)
        var connections: [Int32: Connection] = [:]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            for (socket, connection) in connections {
                let events = connection.response == nil ? POLLIN : POLLOUT
                descriptors.append(pollfd(fd: socket, events: Int16(events), revents: 0))
            }
            if poll(&descriptors, nfds_t(descriptors.count), 1000) < 0 && errno != EINTR { continue }
            let now = Date()
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == listener {
                    while true {
                        let socket = accept(listener, nil, nil)
                        if socket < 0 { break }
                        Self.makeNonBlocking(socket)
                        connections[socket] = Connection()
                    }
                    continue
                }
                guard var connection = connections[descriptor.fd] else { continue }
                connection.lastActivity = now
                var finished = descriptor.revents & Int16(POLLERR | POLLNVAL) != 0
                if !finished, connection.response == nil {
                    let count = recv(descriptor.fd, &buffer, buffer.count, 0)
                    if count > 0 {
                        connection.request.append(contentsOf: buffer[0..<count])
                        if connection.request.count >= Self.headLimit || connection.request.range(of: Data("\r\n\r\n".utf8)) != nil {
                            connection.response = respond(to: HTTPRequest(head: String(decoding: connection.request, as: UTF8.self)))
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        finished = true
                    }
                }
                if !finished, let response = connection.response {
                    let count = response.withUnsafeBytes { bytes in
                        send(descriptor.fd, bytes.baseAddress! + connection.sent, bytes.count - connection.sent, Int32(MSG_NOSIGNAL))
                    }
                    if count > 0 { connection.sent += count }
                    if connection.sent >= response.count || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        finished = true
                    }
                }
                if finished {
                    close(descriptor.fd)
                    connections[descriptor.fd] = nil
                } else {
                    connections[descriptor.fd] = connection
                }
            }
            for (socket, connection) in connections where now.timeIntervalSince(connection.lastActivity) > Self.idleTimeout {
                close(socket)
                connections[socket] = nil
            }
        }
    }

    private static func makeNonBlocking(_ socket: Int32) {
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
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
