/// One lesson as the site needs it: already executed, its outputs spliced into the Markdown.
public struct PageSource: Equatable, Sendable {
    /// The page's file name without `.html`.
    public let slug: String
    public let title: String
    public let summary: String?
    /// Position in the curriculum, shown on the index.
    public let order: Int?
    /// The lesson body with its outputs, without front matter.
    public let markdown: String
    /// Why the lesson could not be built, for a page that shows the error above the lesson's
    /// text (with `lessons build --allow-failures`).
    public let failure: String?
    /// How to reproduce the page's numbers; `nil` for no line.
    public let reproducibility: Reproducibility?
    /// Pass the lesson's raw HTML through (front matter `raw-html: true`) instead of showing it.
    public let allowRawHTML: Bool
    /// The lesson file, for warnings, and for each line of `markdown` (0-based) the lesson line
    /// it came from (0 for lines the build inserted).
    public let sourcePath: String
    public let sourceLines: [Int]
    /// The values whose placeholders `markdown` holds (see `InlineValue`).
    public let values: [InlineValue]

    public init(
        slug: String, title: String, summary: String?, order: Int?, markdown: String, failure: String? = nil,
        reproducibility: Reproducibility? = nil, allowRawHTML: Bool = false, sourcePath: String = "", sourceLines: [Int] = [],
        values: [InlineValue] = []
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.order = order
        self.markdown = markdown
        self.failure = failure
        self.reproducibility = reproducibility
        self.allowRawHTML = allowRawHTML
        self.sourcePath = sourcePath
        self.sourceLines = sourceLines
        self.values = values
    }
}

extension PageSource {
    /// The lesson file for messages, or the slug for a page that has none.
    var displayPath: String { sourcePath.isEmpty ? slug : sourcePath }

    /// The lesson line of a 0-based line of `markdown`; `nil` for a line the build inserted.
    func lessonLine(_ markdownLine: Int) -> Int? {
        markdownLine < sourceLines.count && sourceLines[markdownLine] > 0 ? sourceLines[markdownLine] : nil
    }
}

/// What a reader needs to get the page's numbers again.
public struct Reproducibility: Equatable, Sendable {
    public let seed: UInt64
    /// A digest of the engine's and LessonKit's sources.
    public let engine: String
    /// The lesson file, relative to the project root.
    public let lessonPath: String

    public init(seed: UInt64, engine: String, lessonPath: String) {
        self.seed = seed
        self.engine = engine
        self.lessonPath = lessonPath
    }
}
