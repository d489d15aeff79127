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

    public init(slug: String, title: String, summary: String?, order: Int?, markdown: String, failure: String? = nil) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.order = order
        self.markdown = markdown
        self.failure = failure
    }
}
