import Foundation

/// The book's references (`lessons/references.bib`), cited author-year: "Greff et al. (2017)"
/// in the text, "(Greff et al., 2017)" in brackets, and a full entry in each lesson's
/// reference list and on the bibliography page.
public struct Bibliography: Equatable, Sendable {
    public let entries: [BibEntry]
    private let byKey: [String: BibEntry]
    /// `2017a`, `2017b` where two entries would otherwise cite alike.
    private let years: [String: String]

    public init(_ entries: [BibEntry], isUnreadable: Bool = false) {
        self.entries = entries
        self.isUnreadable = isUnreadable
        byKey = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        // Entries that cite alike ("Gers et al. 2000" twice) get letters in the order of the
        // file, so the same file always gives the same letters.
        var groups: [String: [String]] = [:]
        for entry in entries { groups[Self.authors(entry) + "|" + Self.year(entry), default: []].append(entry.key) }
        var years: [String: String] = [:]
        for entry in entries {
            let group = groups[Self.authors(entry) + "|" + Self.year(entry)] ?? []
            let letter = group.count > 1 ? String(UnicodeScalar(UInt8(97 + group.firstIndex(of: entry.key)! % 26))) : ""
            years[entry.key] = Self.year(entry) + letter
        }
        self.years = years
    }

    public static let empty = Bibliography([])

    /// `references.bib` exists but could not be read: its error is reported on its own, and
    /// citations are not reported again as unknown.
    public static let unreadable = Bibliography([], isUnreadable: true)

    public let isUnreadable: Bool

    public func entry(_ key: String) -> BibEntry? { byKey[key] }

    /// `Greff et al.`: one family name, two joined by "and", three or more (or `and others`)
    /// as the first's "et al.".
    public func authors(_ key: String) -> String { byKey[key].map(Self.authors) ?? key }

    /// `2017`, or `2000a` where two entries cite alike.
    public func year(_ key: String) -> String { years[key] ?? "n.d." }

    /// The entries sorted as a reference list is: by authors' family names, then year.
    public func sorted(_ keys: some Sequence<String>) -> [BibEntry] {
        keys.compactMap { byKey[$0] }.sorted {
            let first = ($0.people.map(\.family).joined(separator: " ").lowercased(), year($0.key))
            let second = ($1.people.map(\.family).joined(separator: " ").lowercased(), year($1.key))
            return first < second
        }
    }

    /// One entry as HTML: `S. Hochreiter and J. Schmidhuber (1997). Long short-term memory.
    /// <i>Neural Computation</i>, 9(8), 1735–1780. doi link`.
    public func html(_ entry: BibEntry) -> String {
        var names = entry.people.filter { !$0.isOthers }.map(\.shortForm)
        if entry.people.contains(where: \.isOthers) { names.append("others") }
        let people = names.count <= 2 ? names.joined(separator: " and ")
            : names.dropLast().joined(separator: ", ") + " and " + names.last!
        var parts = ["\(HTMLText.escaped(people.isEmpty ? entry.key : people)) (\(year(entry.key)))."]
        if let title = entry.fields["title"] {
            let sentence = title.hasSuffix(".") || title.hasSuffix("?") ? title : title + "."
            parts.append(HTMLText.escaped(sentence))
        }
        let venue = entry.fields["journal"] ?? entry.fields["booktitle"] ?? entry.fields["howpublished"]
            ?? entry.fields["publisher"] ?? entry.fields["school"] ?? entry.fields["institution"]
        var where_ = venue.map { "<i>\(HTMLText.escaped($0))</i>" } ?? ""
        if let volume = entry.fields["volume"] {
            where_ += (where_.isEmpty ? "" : ", ") + HTMLText.escaped(volume)
            if let number = entry.fields["number"] { where_ += "(\(HTMLText.escaped(number)))" }
        }
        if let pages = entry.fields["pages"] { where_ += (where_.isEmpty ? "" : ", ") + HTMLText.escaped(pages) }
        if !where_.isEmpty { parts.append(where_ + ".") }
        if let note = entry.fields["note"] { parts.append(HTMLText.escaped(note.hasSuffix(".") ? note : note + ".")) }
        if let doi = entry.fields["doi"] {
            let href = "https://doi.org/" + doi
            parts.append("<a href=\"\(HTMLText.escaped(href))\">doi:\(HTMLText.escaped(doi))</a>")
        } else if let url = entry.fields["url"], LinkTarget.scheme(url) == "https" || LinkTarget.scheme(url) == "http" {
            parts.append("<a href=\"\(HTMLText.escaped(url))\">\(HTMLText.escaped(url))</a>")
        }
        return parts.joined(separator: " ")
    }

    private static func authors(_ entry: BibEntry) -> String {
        let people = entry.people
        let named = people.filter { !$0.isOthers }
        guard let first = named.first else { return entry.fields["organization"] ?? entry.key }
        if named.count >= 3 || people.contains(where: \.isOthers) { return first.family + " et al." }
        return named.map(\.family).joined(separator: " and ")
    }

    private static func year(_ entry: BibEntry) -> String {
        entry.fields["year"] ?? entry.fields["date"].map { String($0.prefix(4)) } ?? "n.d."
    }
}
