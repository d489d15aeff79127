import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML through cmark-gfm.
///
/// Each call parses, renders and frees in one scope; no cmark pointer outlives it. Raw HTML in
/// the Markdown is not passed through (cmark's safe mode), so a lesson cannot inject markup.
///
/// Calls are serialised: cmark-gfm keeps the inline parser's table of special characters in a
/// global that each parse with extensions edits (strikethrough's `~` is added and removed), so
/// two parses at once can lose each other's extensions.
public enum MarkdownRenderer {
    private static let lock = NSLock()

    /// The GFM extensions attached to every parse.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The HTML for `markdown`.
    public static func html(from markdown: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        registerExtensions
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                if let base = characters.baseAddress { cmark_parser_feed(parser, base, characters.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// cmark-gfm keeps its extension registry in a global; registering once per process is
    /// what the library asks for.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
}
