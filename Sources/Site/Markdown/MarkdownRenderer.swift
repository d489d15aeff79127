import CCmarkGFM
import Foundation

/// A heading of a page, for its table of contents.
public struct Heading: Equatable, Sendable {
    public let level: Int
    /// The `id` anchor, unique on the page.
    public let id: String
    public let text: String
}

/// The HTML of a lesson body and what rendering it found.
public struct RenderedMarkdown: Equatable, Sendable {
    public let html: String
    public let headings: [Heading]
    /// Problems that did not stop rendering (unsupported TeX), each with its 0-based line in
    /// the Markdown.
    public let warnings: [LineWarning]
}

public struct LineWarning: Equatable, Sendable {
    public let line: Int
    public let message: String
}

/// GitHub-flavoured Markdown to HTML through cmark-gfm, with math, highlighting and anchors.
///
/// Steps: math is taken out first (see `MathExtractor`); cmark parses the rest with the GFM
/// extensions (tables, strikethrough, autolinks, task lists) and footnotes; the tree is then
/// adjusted — raw HTML from the lesson becomes literal text unless allowed, Swift code is
/// highlighted, output blocks get their own look, `hide-code` blocks fold into `<details>` —
/// and rendered; headings get anchors and the math comes back as MathML.
///
/// Each call parses, renders and frees in one scope; no cmark pointer outlives it. Calls are
/// serialised: cmark-gfm keeps the inline parser's table of special characters in a global
/// that each parse with extensions edits (strikethrough's `~` is added and removed), so two
/// parses at once can lose each other's extensions.
public enum MarkdownRenderer {
    private static let lock = NSLock()
    /// The GFM extensions attached to every parse.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The HTML for `markdown` (see `render(_:allowRawHTML:)`).
    public static func html(from markdown: String) -> String {
        render(markdown).html
    }

    /// - Parameter allowRawHTML: pass the lesson's raw HTML through instead of showing it as
    ///   text (a lesson opts in with `raw-html: true` in its front matter).
    public static func render(_ markdown: String, allowRawHTML: Bool = false) -> RenderedMarkdown {
        let math = MathExtractor(markdown)
        var (html, headingTexts) = lock.withLock { cmarkHTML(math.markdown, allowRawHTML: allowRawHTML) }
        html = HTMLPostprocessing.alignTableCellsWithCSS(html)
        let headings = HeadingAnchors.assign(headingTexts)
        html = HeadingAnchors.insert(headings, into: html)
        var warnings: [LineWarning] = []
        var mathML: [String] = []
        for span in math.spans {
            let converted = TeXToMathML.convert(span.tex, display: span.display)
            warnings += converted.warnings.map { LineWarning(line: span.line, message: $0) }
            mathML.append(converted.mathML)
        }
        html = HTMLPostprocessing.substituteMath(in: html, mathML: mathML, display: math.spans.map(\.display))
        return RenderedMarkdown(html: html, headings: headings, warnings: warnings)
    }

    /// cmark's HTML after the tree adjustments, and the headings' levels and texts in order.
    private static func cmarkHTML(_ markdown: String, allowRawHTML: Bool) -> (String, [(Int, String)]) {
        registerExtensions
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return ("", []) }
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
        guard let document = cmark_parser_finish(parser) else { return ("", []) }
        defer { cmark_node_free(document) }
        let headings = TreeAdjustments.apply(to: document, allowRawHTML: allowRawHTML)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return ("", headings) }
        defer { free(rendered) }
        return (String(cString: rendered), headings)
    }

    /// cmark-gfm keeps its extension registry in a global; registering once per process is
    /// what the library asks for.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
}
