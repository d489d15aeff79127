import CCmarkGFM
import Foundation

/// Changes to cmark's tree before it is rendered. Nodes are collected first and changed
/// after, so the walk never sees a node it has already replaced.
enum TreeAdjustments {
    /// Adjusts `document` in place.
    /// - Returns: the headings' levels and plain texts, in document order.
    static func apply(to document: OpaquePointer, allowRawHTML: Bool) -> [(Int, String)] {
        var codeBlocks: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var headings: [(Int, String)] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
            case CMARK_NODE_HEADING: headings.append((Int(cmark_node_get_heading_level(node)), plainText(of: node)))
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
        for node in codeBlocks {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let html = CodeBlockHTML.html(info: info, code: code) else { continue }
            replace(node, withHTML: html)
        }
        return headings
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
