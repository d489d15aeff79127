import CCmarkGFM
import Foundation

/// A heading of a page, for its table of contents.
public struct Heading: Equatable, Sendable {
    public let level: Int
    /// The `id` anchor, unique on the page.
    public let id: String
    public let text: String
    /// "4.2" for the second `h2` of lesson 4; `nil` where sections are not numbered.
    public let number: String?

    public init(level: Int, id: String, text: String, number: String? = nil) {
        self.level = level
        self.id = id
        self.text = text
        self.number = number
    }
}

/// The HTML of a lesson body and what rendering it found.
public struct RenderedMarkdown: Equatable, Sendable {
    public var html: String
    public var headings: [Heading]
    /// What rendering found wrong, each with its 0-based line in the Markdown.
    public var problems: [LineProblem]
    /// The labels the page defines, numbered.
    var labels: [ResolvedLabel] = []
    /// Cross-references and citations, whose markers (`ReferenceUse.marker`) the HTML still
    /// holds until the whole book's labels are known; lines 0-based in the Markdown.
    var references: [ReferenceUse] = []
    /// Relative links with a fragment, and links to other sites, at 0-based lines.
    var anchorLinks: [LinkUse] = []
    var externalLinks: [LinkUse] = []
}

/// A link in a lesson's prose, at its 0-based line of the Markdown.
public struct LinkUse: Equatable, Sendable {
    public let line: Int
    public let url: String
}

/// Something wrong with a line of a lesson's text.
public struct LineProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A TeX command the MathML converter does not know: shown as written.
        case unsupportedTeX
        /// TeX outside any formula, or a formula never closed: raw TeX on the page.
        case rawTeX
        /// A number that reads as a result but was typed by hand (see `ProseChecks`).
        case handTypedNumber
        /// A relative link or image to a file the site does not have.
        case brokenLink
        /// A `javascript:` (or similar) link, dropped.
        case unsafeLink
        /// An unknown or duplicate label or citation key, or a label where none can stand.
        case badReference
    }

    /// 0-based line of the Markdown.
    public let line: Int
    public let kind: Kind
    public let message: String

    /// Raw TeX and broken links stop the build; the others are warnings (errors with `--strict`).
    public var isError: Bool { kind == .rawTeX || kind == .brokenLink || kind == .badReference }
}

/// A value spliced into the prose, as the page shows it: its text, and for a value an
/// experiment recorded, the anchor of the block that recorded it and a description of where
/// it came from (the link's title, which a reader sees on hover).
public struct InlineValue: Equatable, Sendable {
    public let text: String
    /// The `id` of the experiment block on the same page; `nil` for a literal.
    public let anchor: String?
    public let title: String?

    public init(text: String, anchor: String?, title: String?) {
        self.text = text
        self.anchor = anchor
        self.title = title
    }

    /// Where the value stands in the Markdown until it is rendered (the same mark as
    /// Notebook's `SplicedValue.placeholder`).
    static func placeholder(_ index: Int) -> String { "\u{E002}\(index)\u{E003}" }
}

/// GitHub-flavoured Markdown to HTML through cmark-gfm, with math, highlighting and anchors.
///
/// Steps: math is taken out first (see `MathExtractor`); cmark parses the rest with the GFM
/// extensions (tables, strikethrough, autolinks, task lists) and footnotes; the tree is then
/// adjusted — raw HTML from the lesson becomes literal text unless allowed, Swift code is
/// highlighted, output blocks get their own look, `hide-code` blocks fold into `<details>`, the
/// prose is checked for raw TeX and hand-typed results (`ProseChecks`) — and rendered;
/// headings get anchors, the math comes back as MathML (its macros expanded first, see
/// `TeXMacros`) and each spliced value as a link to the block that recorded it.
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

    /// - Parameters:
    ///   - allowRawHTML: pass the lesson's raw HTML through instead of showing it as text (a
    ///     lesson opts in with `raw-html: true` in its front matter).
    ///   - values: the values whose placeholders (`InlineValue.placeholder(i)`) the Markdown
    ///     holds, in order.
    ///   - linkTargets: the site's files a relative link may point at (see `LinkTarget`);
    ///     `nil` checks no links.
    ///   - chapter: the lesson's number, for section, equation, figure and table numbers
    ///     ("4.2"); `nil` numbers sections not at all and the rest from 1.
    ///   - macros: the book's TeX macros (`lessons/macros.tex`); the page's formulas add theirs
    ///     for the formulas after them.
    public static func render(
        _ markdown: String, allowRawHTML: Bool = false, values: [InlineValue] = [], linkTargets: Set<String>? = nil,
        chapter: Int? = nil, macros: TeXMacros = TeXMacros()
    ) -> RenderedMarkdown {
        let labelled = LabelMarkup(markdown)
        let math = MathExtractor(labelled.markdown)
        var (html, findings) = lock.withLock { cmarkHTML(math.markdown, allowRawHTML: allowRawHTML, linkTargets: linkTargets) }
        html = HTMLPostprocessing.alignTableCellsWithCSS(html)
        let headings = HeadingAnchors.assign(findings.headings.map { ($0.0, HTMLPostprocessing.plainValues(in: $0.1, values: values)) },
                                             labels: labelled.labels, chapter: chapter)
        html = HeadingAnchors.insert(headings, into: html)
        let labels = LabelRendering.apply(to: html, labels: labelled.labels, headings: headings, chapter: chapter)
        html = labels.html
        var problems = math.problems.map { LineProblem(line: $0.line, kind: .rawTeX, message: $0.message) }
        problems += labelled.problems + labels.problems
        // cmark's lines are those of the Markdown without its math; map them back.
        func sourceLine(_ line: Int) -> Int {
            line >= 1 && line <= math.lineMap.count ? math.lineMap[line - 1] : max(0, line - 1)
        }
        problems += findings.problems.map { LineProblem(line: sourceLine($0.line), kind: $0.kind, message: $0.message) }
        var mathML: [String] = []
        var pageMacros = macros
        for span in math.spans {
            // A value inside a formula becomes part of the TeX: MathML has no place for a link.
            let tex = HTMLPostprocessing.plainValues(in: span.tex, values: values)
            let expanded = pageMacros.expand(tex)
            problems += expanded.warnings.map { LineProblem(line: span.line, kind: .unsupportedTeX, message: $0) }
            if expanded.onlyDefinitions {
                mathML.append("")
            } else if expanded.overflowed {
                mathML.append(TeXToMathML.verbatim(tex, display: span.display))
            } else {
                let converted = TeXToMathML.convert(expanded.tex, display: span.display, source: tex)
                problems += converted.warnings.map { LineProblem(line: span.line, kind: .unsupportedTeX, message: $0) }
                mathML.append(converted.mathML)
            }
        }
        html = HTMLPostprocessing.substituteMath(in: html, mathML: mathML, display: math.spans.map(\.display))
        html = HTMLPostprocessing.substituteValues(in: html, values: values)
        problems.sort { ($0.line, $0.message) < ($1.line, $1.message) }
        return RenderedMarkdown(
            html: html, headings: headings, problems: problems, labels: labels.resolved,
            references: findings.references.map {
                ReferenceUse(items: $0.items, bracketed: $0.bracketed, line: sourceLine($0.line), source: $0.source)
            },
            anchorLinks: findings.anchorLinks.map { LinkUse(line: sourceLine($0.line), url: $0.url) },
            externalLinks: findings.externalLinks.map { LinkUse(line: sourceLine($0.line), url: $0.url) })
    }

    /// cmark's HTML after the tree adjustments, and what the adjustments found.
    private static func cmarkHTML(_ markdown: String, allowRawHTML: Bool, linkTargets: Set<String>?) -> (String, TreeAdjustments.Findings) {
        registerExtensions
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return ("", .init()) }
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
        guard let document = cmark_parser_finish(parser) else { return ("", .init()) }
        defer { cmark_node_free(document) }
        let findings = TreeAdjustments.apply(to: document, allowRawHTML: allowRawHTML, linkTargets: linkTargets)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return ("", findings) }
        defer { free(rendered) }
        return (String(cString: rendered), findings)
    }

    /// cmark-gfm keeps its extension registry in a global; registering once per process is
    /// what the library asks for.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
}
