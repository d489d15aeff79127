import Foundation

/// The first line of an HTTP request, and the file under the site it may name.
struct HTTPRequest: Equatable {
    let method: String
    /// The path as sent, before decoding.
    let target: String

    init?(head: String) {
        let parts = head.split(separator: "\r\n", maxSplits: 1).first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
        method = String(parts[0])
        target = String(parts[1])
    }

    /// The site-relative file the request names, or `nil` if it names nothing inside the site:
    /// a `..` segment, before or after percent-decoding, a NUL, a backslash or a malformed
    /// escape all mean "not found". A directory path means its `index.html`.
    var sitePath: String? {
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathPart.hasPrefix("/"), let decoded = pathPart.removingPercentEncoding else { return nil }
        guard !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var segments: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == ".." || segment == "." { return nil }
            segments.append(String(segment))
        }
        if decoded.hasSuffix("/") || segments.isEmpty { segments.append("index.html") }
        return segments.joined(separator: "/")
    }
}
