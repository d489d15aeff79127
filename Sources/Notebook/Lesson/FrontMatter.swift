import Yams

/// The settings at the top of a lesson, between `---` lines, in YAML.
///
///     ---
///     title: Long short-term memory
///     summary: Gates that read, write and forget.
///     order: 4
///     seed: 8382
///     timeout: 300
///     ---
public struct FrontMatter: Equatable, Sendable {
    /// The lesson's title; required.
    public var title: String
    /// One sentence for the index page.
    public var summary: String?
    /// Position in the curriculum; lessons without one sort after those with one, by file name.
    public var order: Int?
    /// Default seed for the lesson's random generators.
    public var seed: UInt64?
    /// Seconds the whole lesson may run.
    public var timeout: Double?
    /// Whether raw HTML in the lesson is passed to the page (`raw-html: true`) instead of being
    /// shown as text.
    public var allowsRawHTML = false
    /// For a scratch lesson written by `lessons exercise`: the lesson whose exercise it holds
    /// (`exercise-of: lessons/04-lstm.md`). Its exercises may lack a solution and its starter
    /// is the reader's answer, which `lessons run` checks.
    public var exerciseOf: String?

    /// The keys a lesson may set. Anything else is a typo the author wants to hear about.
    public static let knownKeys: Set<String> = ["title", "summary", "order", "seed", "timeout", "raw-html", "exercise-of"]

    public init(title: String, summary: String? = nil, order: Int? = nil, seed: UInt64? = nil, timeout: Double? = nil) {
        self.title = title
        self.summary = summary
        self.order = order
        self.seed = seed
        self.timeout = timeout
    }

    /// Parses the YAML between the fences.
    ///
    /// - Parameters:
    ///   - yaml: the lines between the `---` fences.
    ///   - firstLine: the file line of the YAML's first line, so errors point into the file.
    ///   - path: the lesson's path, for errors.
    static func parse(yaml: String, firstLine: Int, path: String) throws(LessonError) -> FrontMatter {
        func error(_ yamlLine: Int?, _ message: String) -> LessonError {
            LessonError(path: path, line: yamlLine.map { firstLine + $0 - 1 } ?? firstLine - 1, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let yamlError as YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                throw error(mark.line, "front matter is not valid YAML: \(problem)")
            default:
                throw error(nil, "front matter is not valid YAML: \(yamlError)")
            }
        } catch {
            throw LessonError(path: path, line: firstLine - 1, message: "front matter is not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw error(nil, "front matter must be a YAML mapping with at least `title: ...`")
        }
        var title: String?
        var result = FrontMatter(title: "")
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line
            guard let key = keyNode.string, Self.knownKeys.contains(key) else {
                let known = Self.knownKeys.sorted().joined(separator: ", ")
                throw error(line, "unknown front-matter key `\(keyNode.string ?? "?")` (known keys: \(known))")
            }
            switch key {
            case "title":
                guard let value = valueNode.string, !value.isEmpty else { throw error(line, "`title` must be non-empty text") }
                title = value
            case "summary":
                guard let value = valueNode.string else { throw error(line, "`summary` must be text") }
                result.summary = value
            case "order":
                guard let value = valueNode.int else { throw error(line, "`order` must be a whole number") }
                result.order = value
            case "seed":
                guard let value = valueNode.int, value >= 0 else { throw error(line, "`seed` must be a whole number ≥ 0") }
                result.seed = UInt64(value)
            case "raw-html":
                guard let value = valueNode.bool else { throw error(line, "`raw-html` must be true or false") }
                result.allowsRawHTML = value
            case "exercise-of":
                guard let value = valueNode.string, !value.isEmpty else { throw error(line, "`exercise-of` must be a lesson's path") }
                result.exerciseOf = value
            case "timeout":
                guard let value = valueNode.float, value > 0 else { throw error(line, "`timeout` must be a positive number of seconds") }
                result.timeout = value
            default:
                break
            }
        }
        guard let title else { throw error(nil, "front matter has no `title`") }
        result.title = title
        return result
    }
}
