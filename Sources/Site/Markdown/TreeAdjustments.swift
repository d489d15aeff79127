import CCmarkGFM
import Foundation

/// Changes to cmark's tree before it is rendered. Nodes are collected first and changed
/// after, so the walk never sees a node it has already replaced.
enum TreeAdjustments {
    /// What the walk found besides changing the tree.
    struct Findings {
        /// The headings' levels and plain texts, in document order.
        var headings: [(Int, String)] = []
        /// Problems in the prose (`ProseChecks`), each at its 1-based line of the Markdown cmark read.
        var problems: [(line: Int, kind: LineProblem.Kind, message: String)] = []
        /// Cross-references and citations, in order; each left a marker in the text.
        var references: [ReferenceUse] = []
        /// Relative links with a `#fragment` (checked once every page's anchors are known),
        /// and links to other sites (listed by `lessons check --links`), at 1-based lines.
        var anchorLinks: [(line: Int, url: String)] = []
        var externalLinks: [(line: Int, url: String)] = []
    }

    /// Adjusts `document` in place and checks its prose and links.
    ///
    /// - Parameter linkTargets: the files of the site a relative link may point at; `nil`
    ///   checks none.
    static func apply(to document: OpaquePointer, allowRawHTML: Bool, linkTargets: Set<String>? = nil) -> Findings {
        var codeBlocks: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var unsafeLinks: [OpaquePointer] = []
        var findings = Findings()
        // Adjacent text nodes (cmark splits text at characters that might start markup) become
        // one, so a number is never checked in pieces.
        cmark_consolidate_text_nodes(document)
        guard let iterator = cmark_iter_new(document) else { return findings }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
            case CMARK_NODE_HEADING: findings.headings.append((Int(cmark_node_get_heading_level(node)), plainText(of: node)))
            case CMARK_NODE_TEXT:
                extractReferences(node, into: &findings.references)
                findings.problems += checkProse(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let line = Int(cmark_node_get_start_line(node))
                if LinkTarget.isUnsafe(url) {
                    unsafeLinks.append(node)
                    findings.problems.append((line, .unsafeLink, "a link to `\(url.prefix(40))` would run code in the reader's browser; it is shown as text"))
                } else if let linkTargets, let problem = LinkTarget.problem(url, targets: linkTargets) {
                    findings.problems.append((line, .brokenLink, problem))
                } else if let scheme = LinkTarget.scheme(url) {
                    if scheme == "http" || scheme == "https" { findings.externalLinks.append((line, url)) }
                } else if url.contains("#") {
                    findings.anchorLinks.append((line, url))
                }
            default: break
            }
        }
        if !allowRawHTML {
            for node in rawHTML {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let escaped = HTMLText.escaped(literal)
                let shown = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
                    ? "<p class=\"raw-html\">\(escaped.trimmingCharacters(in: .newlines))</p>\n" : escaped
                cmark_node_set_literal(node, shown)
            }
        }
        for node in unsafeLinks {
            // The link's text stays; the link goes.
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in codeBlocks {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let html = CodeBlockHTML.html(info: info, code: code) else { continue }
            replace(node, withHTML: html)
        }
        return findings
    }

    /// Replaces each `@label`, `@key` and `[@key]` in a text node by a marker.
    private static func extractReferences(_ node: OpaquePointer, into references: inout [ReferenceUse]) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        guard text.contains("@") else { return }
        let (marked, uses) = ReferenceUse.extract(from: text, line: Int(cmark_node_get_start_line(node)), firstIndex: references.count)
        guard !uses.isEmpty else { return }
        references += uses
        cmark_node_set_literal(node, marked)
    }

    /// The prose checks on one text node.
    private static func checkProse(_ node: OpaquePointer) -> [(line: Int, kind: LineProblem.Kind, message: String)] {
        guard let literal = cmark_node_get_literal(node) else { return [] }
        let text = ProseChecks.withoutPlaceholders(String(cString: literal))
        let line = Int(cmark_node_get_start_line(node))
        var problems: [(line: Int, kind: LineProblem.Kind, message: String)] = []
        for command in ProseChecks.texCommands(in: text) {
            problems.append((line, .rawTeX, "`\(command)` outside a formula shows as raw TeX on the page (put it between `$…$`)"))
        }
        for number in ProseChecks.handTypedNumbers(in: text) {
            problems.append((line, .handTypedNumber,
                             "`\(number)` reads as a result typed by hand: splice it from the run with `{{name}}`, or mark it as intended with `{{=\(number)}}`"))
        }
        return problems
    }

    /// The text of a node's descendants, as a reader sees it.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            } else {
                text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html)
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
