import Foundation

/// What a link in a lesson points at, checked before the reader clicks it.
enum LinkTarget {
    /// URL schemes that run code or read the reader's files when followed.
    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "data", "file"]

    /// The URL's scheme, lower-cased (`https`, `mailto`), or `nil` for a relative URL.
    static func scheme(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let candidate = trimmed[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return candidate.lowercased()
    }

    /// Whether following `url` would run code (`javascript:`) or reach outside the web.
    static func isUnsafe(_ url: String) -> Bool {
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
        let squeezed = String(url.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init))
        return scheme(squeezed).map { unsafeSchemes.contains($0) } ?? false
    }

    /// Why a relative link to `url` would go nowhere, or `nil` if it reaches one of `targets`
    /// (paths relative to the site's root). Links with a scheme, to the page itself (`#…`)
    /// or from the site's root (`/…`) are not checked.
    static func problem(_ url: String, targets: Set<String>) -> String? {
        guard !url.isEmpty, scheme(url) == nil, !url.hasPrefix("#"), !url.hasPrefix("/"), !url.hasPrefix("?") else { return nil }
        let pathPart = String(url.prefix { $0 != "#" && $0 != "?" })
        let path = pathPart.removingPercentEncoding ?? pathPart
        if path.isEmpty || targets.contains(path) { return nil }
        var hint = "no lesson page or file in lessons/assets/ has that name"
        if path.hasSuffix(".md") {
            let page = String(path.dropFirst(path.hasPrefix("lessons/") ? "lessons/".count : 0).dropLast(3)) + ".html"
            if targets.contains(page) { hint = "link to the page, `\(page)`" }
        } else if path.hasPrefix("lessons/assets/") {
            hint = "the site carries lessons/assets/ as `assets/`: link to `\(path.dropFirst("lessons/".count))`"
        }
        return "the link to `\(url)` goes nowhere: \(hint)"
    }
}
