import Foundation

/// The book-wide half of cross-references and citations: every lesson's labels in one table,
/// so `@fig-loss` in lesson 9 can point at lesson 4, and the markers each page's prose holds
/// (`ReferenceUse.marker`) replaced by links, with a reference list at the end of each page
/// that cites anything.
struct BookReferences {
    /// Where a label points.
    struct Target {
        /// The page's file name.
        let page: String
        let anchor: String
        let text: String
        /// Where it is defined (`lessons/04-….md:120`), for duplicate errors.
        let place: String
    }

    let bibliography: Bibliography
    private(set) var targets: [String: Target] = [:]

    init(bibliography: Bibliography) {
        self.bibliography = bibliography
    }

    /// Adds a page's labels; a label defined before is a problem at its second definition.
    ///
    /// - Parameter place: the lesson line of a 0-based Markdown line, as `path:line`.
    mutating func define(_ labels: [ResolvedLabel], page: String, place: (Int) -> String) -> [LineProblem] {
        var problems: [LineProblem] = []
        for label in labels {
            let name = label.definition.name
            if let first = targets[name] {
                problems.append(LineProblem(line: label.definition.line, kind: .badReference,
                                            message: "the label `{#\(name)}` is already defined (at \(first.place)); labels must be unique in the book"))
                continue
            }
            targets[name] = Target(page: page, anchor: label.anchor, text: label.text, place: place(label.definition.line))
        }
        return problems
    }

    /// `html` with each reference marker replaced, the keys it cites (in order of first
    /// citation) and the references that name nothing.
    func resolve(_ uses: [ReferenceUse], in html: String, page: String) -> (html: String, cited: [String], problems: [LineProblem]) {
        guard !uses.isEmpty else { return (html, [], []) }
        var cited: [String] = []
        var problems: [LineProblem] = []
        var rendered: [String] = []
        for use in uses {
            var pieces: [String] = []
            var failed = false
            for item in use.items {
                if let target = targets[item.key] {
                    let href = (target.page == page ? "" : URLPath.encoded(target.page)) + "#" + target.anchor
                    pieces.append(phrase(item, link: "<a class=\"xref\" href=\"\(HTMLText.escaped(href))\">\(HTMLText.escaped(target.text))</a>"))
                } else if let entry = bibliography.entry(item.key) {
                    if !cited.contains(entry.key) { cited.append(entry.key) }
                    let authors = bibliography.authors(entry.key), year = bibliography.year(entry.key)
                    let text = item.suppressAuthor ? year : use.bracketed ? "\(authors), \(year)" : "\(authors) (\(year))"
                    let title = entry.fields["title"].map { " title=\"\(HTMLText.escaped($0))\"" } ?? ""
                    pieces.append(phrase(item, link: "<a class=\"citation\" href=\"#ref-\(HTMLText.escaped(entry.key))\"\(title)>\(HTMLText.escaped(text))</a>"))
                } else {
                    failed = true
                    if LabelKind.of(item.key) != nil || !bibliography.isUnreadable {
                        problems.append(LineProblem(line: use.line, kind: .badReference, message: unknown(item.key)))
                    }
                }
            }
            if failed {
                rendered.append(HTMLText.escaped(use.source))
            } else {
                rendered.append(use.bracketed ? "(" + pieces.joined(separator: "; ") + ")" : pieces.joined(separator: "; "))
            }
        }
        var result = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "\u{E006}"), let close = rest[open...].firstIndex(of: "\u{E007}") {
            result += rest[..<open]
            if let index = Int(rest[rest.index(after: open)..<close]), rendered.indices.contains(index) { result += rendered[index] }
            rest = rest[rest.index(after: close)...]
        }
        return (result + rest, cited, problems)
    }

    /// The list at the end of a page that cites `keys`.
    func referenceList(_ keys: [String], anchor: String) -> String {
        let items = bibliography.sorted(keys).map { entry in
            "<li id=\"ref-\(HTMLText.escaped(entry.key))\">\(bibliography.html(entry))</li>"
        }
        return "<section class=\"references\">\n<h2 id=\"\(anchor)\">References</h2>\n<ul class=\"reference-list\">\n"
            + items.joined(separator: "\n")
            + "\n</ul>\n<p class=\"all-references\"><a href=\"\(BibliographyPage.fileName)\">Every work the lessons cite</a></p>\n</section>\n"
    }

    private func phrase(_ item: ReferenceUse.Item, link: String) -> String {
        let prefix = item.prefix.isEmpty ? "" : HTMLText.escaped(item.prefix) + " "
        let locator = item.locator.isEmpty ? "" : ", " + HTMLText.escaped(item.locator)
        return prefix + link + locator
    }

    private func unknown(_ key: String) -> String {
        if let kind = LabelKind.of(key) {
            return "`@\(key)` refers to no label: no lesson has `{#\(key)}`"
                + (kind == .section ? " at the end of a heading" : kind == .equation ? " after a displayed equation" : " on a caption")
        }
        if bibliography.entries.isEmpty {
            return "`@\(key)` is a citation, but there is no lessons/references.bib (write `@` in backticks if it is code)"
        }
        let near = bibliography.entries.map(\.key).filter { $0.lowercased().hasPrefix(String(key.lowercased().prefix(4))) }.prefix(3)
        return "`@\(key)` is not a key of lessons/references.bib" + (near.isEmpty ? "" : " (did you mean \(near.map { "`\($0)`" }.joined(separator: ", "))?)")
    }
}

/// The book's bibliography: every entry of `references.bib`, with the lessons that cite it.
enum BibliographyPage {
    static let fileName = "references.html"

    static func html(_ bibliography: Bibliography, citedBy: [String: [PageSource]]) -> String {
        let items = bibliography.sorted(bibliography.entries.map(\.key)).map { entry in
            let lessons = (citedBy[entry.key] ?? []).map { page in
                "<a href=\"\(PageTemplate.pageHref(page))#ref-\(HTMLText.escaped(entry.key))\">\(page.order.map(String.init) ?? HTMLText.escaped(page.title))</a>"
            }
            let cited = lessons.isEmpty ? "" : " <span class=\"cited-in\">Cited in lesson\(lessons.count == 1 ? "" : "s") \(lessons.joined(separator: ", ")).</span>"
            return "<li id=\"ref-\(HTMLText.escaped(entry.key))\">\(bibliography.html(entry))\(cited)</li>"
        }
        let body = "<main class=\"index\">\n<h1>References</h1>\n<p>The papers, notes and books the lessons draw on.</p>\n"
            + "<ul class=\"reference-list\">\n" + items.joined(separator: "\n") + "\n</ul>\n</main>"
        return PageTemplate.page(title: "References — \(PageTemplate.siteTitle)", body: body)
    }
}
