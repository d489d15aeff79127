/// The HTML around a page's content: head, header with the site's name, and the index.
///
/// Every link is relative, so the site works from `file://` and under any sub-path.
enum PageTemplate {
    static let siteTitle = "Recurrent networks, by running them"

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        <header class="site-header"><a href="index.html">\(HTMLText.escaped(siteTitle))</a></header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A lesson page: its title as the heading, then the rendered Markdown.
    static func lesson(_ page: PageSource) -> String {
        var heading = "<h1>\(HTMLText.escaped(page.title))</h1>\n"
        if let failure = page.failure {
            heading += "<div class=\"lesson-error\"><p>This lesson did not build; its outputs are missing.</p>"
                + "<pre>\(HTMLText.escaped(failure))</pre></div>\n"
        }
        return Self.page(title: "\(page.title) — \(siteTitle)", body: "<article>\n\(heading)\(MarkdownRenderer.html(from: page.markdown))</article>")
    }

    /// The index: every lesson in curriculum order with its summary.
    static func index(_ pages: [PageSource]) -> String {
        var items = ""
        for page in pages {
            let number = page.order.map { "<span class=\"lesson-number\">\($0)</span> " } ?? ""
            let summary = page.summary.map { "<p>\(HTMLText.escaped($0))</p>" } ?? ""
            items += "<li>\(number)<a href=\"\(HTMLText.escaped(page.slug)).html\">\(HTMLText.escaped(page.title))</a>\(summary)</li>\n"
        }
        return page(title: siteTitle, body: "<h1>\(HTMLText.escaped(siteTitle))</h1>\n<ol class=\"lesson-list\">\n\(items)</ol>")
    }
}
