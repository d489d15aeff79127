import Foundation

/// The HTML around a page's content: head, header, the sidebar of lessons, the in-page table
/// of contents, the reproducibility line and the previous/next links.
///
/// Every link is relative, so the site works from `file://` and under any sub-path, and
/// nothing is fetched from elsewhere: no fonts or styles but `style.css`, and no script but
/// the search page's own.
enum PageTemplate {
    static let siteTitle = "Recurrent networks, by running them"

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTMLText.escaped(title))</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        <header class="site-header"><a href="index.html">\(HTMLText.escaped(siteTitle))</a>\(SearchPage.form)</header>
        \(body)
        </body>
        </html>

        """
    }

    /// A lesson page.
    ///
    /// - Parameters:
    ///   - page: the lesson.
    ///   - rendered: its rendered body.
    ///   - lessons: every lesson in curriculum order, for the sidebar and the pager.
    static func lesson(_ page: PageSource, rendered: RenderedMarkdown, lessons: [PageSource]) -> String {
        var article = "<h1>\(HTMLText.escaped(page.title))</h1>\n"
        if let reproducibility = page.reproducibility { article += reproducibilityLine(reproducibility) }
        if let failure = page.failure {
            article += "<div class=\"lesson-error\"><p>This lesson did not build; its outputs are missing.</p>"
                + "<pre>\(HTMLText.escaped(failure))</pre></div>\n"
        }
        article += tableOfContents(rendered.headings)
        article += rendered.html
        let body = """
            <div class="layout">
            \(sidebar(lessons, current: page.slug))
            <main>
            <article>
            \(article)</article>
            \(pager(lessons, current: page.slug))
            </main>
            </div>
            """
        return Self.page(title: "\(page.title) — \(siteTitle)", body: body)
    }

    /// The index: every lesson in curriculum order with its summary.
    static func index(_ pages: [PageSource], hasBibliography: Bool = false) -> String {
        var items = ""
        for page in pages {
            let number = page.order.map { "<span class=\"lesson-number\">\($0)</span> " } ?? ""
            let summary = page.summary.map { "<p>\(HTMLText.escaped($0))</p>" } ?? ""
            items += "<li>\(number)<a href=\"\(pageHref(page))\">\(HTMLText.escaped(page.title))</a>\(summary)</li>\n"
        }
        let intro = "<p>Lessons on recurrent neural networks in which every number, table and plot comes from code "
            + "that ran when the site was built. Each lesson says how to run it again.</p>"
        let references = hasBibliography ? "<p><a href=\"\(BibliographyPage.fileName)\">References</a>: every work the lessons cite.</p>\n" : ""
        return page(title: siteTitle, body: "<main class=\"index\">\n<h1>\(HTMLText.escaped(siteTitle))</h1>\n\(intro)\n<ol class=\"lesson-list\">\n\(items)</ol>\n\(references)</main>")
    }

    private static func label(_ page: PageSource) -> String {
        (page.order.map { "\($0). " } ?? "") + page.title
    }

    private static func sidebar(_ lessons: [PageSource], current: String) -> String {
        let items = lessons.map { lesson in
            let attribute = lesson.slug == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(pageHref(lesson))\"\(attribute)>\(HTMLText.escaped(label(lesson)))</a></li>"
        }
        return "<nav class=\"sidebar\" aria-label=\"Lessons\">\n<p class=\"nav-title\"><a href=\"index.html\">All lessons</a></p>\n<ol>\n"
            + items.joined(separator: "\n") + "\n</ol>\n</nav>"
    }

    private static func pager(_ lessons: [PageSource], current: String) -> String {
        guard let position = lessons.firstIndex(where: { $0.slug == current }) else { return "" }
        var links: [String] = []
        if position > 0 {
            let previous = lessons[position - 1]
            links.append("<a class=\"previous\" rel=\"prev\" href=\"\(pageHref(previous))\">← \(HTMLText.escaped(label(previous)))</a>")
        }
        if position + 1 < lessons.count {
            let next = lessons[position + 1]
            links.append("<a class=\"next\" rel=\"next\" href=\"\(pageHref(next))\">\(HTMLText.escaped(label(next))) →</a>")
        }
        guard !links.isEmpty else { return "" }
        return "<nav class=\"pager\" aria-label=\"Previous and next lessons\">\n\(links.joined(separator: "\n"))\n</nav>"
    }

    private static func tableOfContents(_ headings: [Heading]) -> String {
        let entries = headings.filter { $0.level == 2 || $0.level == 3 }
        guard entries.count >= 2 else { return "" }
        let items = entries.map { heading in
            let number = heading.number.map { "<span class=\"section-number\">\($0)</span> " } ?? ""
            return "<li class=\"toc-level-\(heading.level)\"><a href=\"#\(HTMLText.escaped(heading.id))\">\(number)\(HTMLText.escaped(heading.text))</a></li>"
        }
        // Numbered sections carry their own numbers; the list's would disagree with them.
        let list = entries.contains { $0.number != nil } ? "<ol class=\"numbered\">" : "<ol>"
        return "<nav class=\"toc\" aria-label=\"On this page\">\n<p class=\"toc-title\">On this page</p>\n\(list)\n"
            + items.joined(separator: "\n") + "\n</ol>\n</nav>\n"
    }

    private static func reproducibilityLine(_ reproducibility: Reproducibility) -> String {
        "<p class=\"reproducibility\">Every number on this page comes from running its lesson with engine sources "
            + "<code>\(HTMLText.escaped(reproducibility.engine))</code> and lesson seed <code>\(reproducibility.seed)</code> "
            + "(each experiment's own seeds are in its code). Run it yourself: "
            + "<code>swift build -c release &amp;&amp; .build/release/lessons run \(HTMLText.escaped(ShellWord.quoted(reproducibility.lessonPath)))</code></p>\n"
    }

    /// The link to a lesson's page, percent-encoded (a file name may hold `#`, `?`, `%` or
    /// spaces) and escaped for an attribute.
    static func pageHref(_ page: PageSource) -> String {
        HTMLText.escaped(URLPath.encoded(page.slug + ".html"))
    }
}

/// A relative URL path with every character that is not plainly safe percent-encoded.
enum URLPath {
    static let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")

    static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: safe) ?? path
    }
}

/// A word for a POSIX shell, quoted only when it must be.
enum ShellWord {
    static func quoted(_ word: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/+,:=@")
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ plain.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
