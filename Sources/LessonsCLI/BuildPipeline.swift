import Foundation
import Notebook
import Site

/// The build as named steps: find and parse the lessons, take each result from the cache or
/// run it (lessons in parallel), splice outputs and values into the Markdown, and write the
/// site in one swap. Every failure is collected with its lesson; one failing lesson never
/// stops the others.
struct BuildPipeline {
    struct Options {
        /// Run every selected lesson even if its cached result is valid.
        var force = false
        /// Write the site even if lessons fail, with error pages for them.
        var allowFailures = false
        /// Project-relative paths of the lessons to build; all if `nil`.
        var only: [String]?
        /// Store successful runs in the cache.
        var writeCache = true
        /// Treat warnings (hand-typed results, unsupported TeX) as errors.
        var strict = false
        /// Relative change beyond which the value watch reports a recorded value as moved.
        var watchTolerance = ValueWatch.defaultTolerance
    }

    /// What happened to one lesson.
    struct Outcome: Sendable {
        let path: String
        let lesson: Lesson?
        let result: Result<ExecutedLesson, LessonError>
        let seconds: Double
        let fromCache: Bool
        /// Recorded values that moved since the lesson's previous successful run.
        var changes: [ValueWatch.Change] = []
    }

    let paths: ProjectPaths
    let options: Options
    let runner: LessonRunner
    let cache: ResultCache

    init(paths: ProjectPaths, options: Options) throws {
        // Before anything is created there: a folder that is not a project gets no cache.
        _ = try paths.lessonFiles()
        self.paths = paths
        self.options = options
        runner = LessonRunner(
            toolchain: try Toolchain.locate(), projectRoot: paths.root,
            workDirectory: paths.cache.appendingPathComponent("work"))
        cache = ResultCache(directory: paths.cache.appendingPathComponent("results"))
    }

    // MARK: Steps

    /// Every lesson file parsed, or the error that stopped its parsing. A reader's scratch copy
    /// of an exercise (`exercise-of:`, see `lessons exercise`) is no lesson of the curriculum:
    /// its exercise has no solution to check.
    func parseLessons() throws -> [(path: String, lesson: Result<Lesson, LessonError>)] {
        try paths.lessonFiles().map { file in
            let path = paths.relative(file)
            return (path, Result { () throws(LessonError) in
                let lesson = try Lesson.load(from: file, path: path)
                if lesson.isExerciseScratch {
                    throw LessonError(
                        path: path, line: 1,
                        message: "this is a reader's copy of an exercise (`exercise-of:` in its front matter), not a lesson: keep it in exercises/")
                }
                return lesson
            })
        }
    }

    /// `indices` ordered so the lessons that took longest last time start first: with two
    /// cores, a long lesson started last would run alone at the end while the other core
    /// idles. A lesson never run is placed by its front matter's `timeout` (a long limit
    /// means a long lesson), before lessons with no timeout; ties keep curriculum order.
    ///
    /// - Parameter estimate: the last run's seconds and the lesson's `timeout`, by index.
    static func longestFirst(_ indices: [Int], estimate: (Int) -> (lastSeconds: Double?, timeout: Double?)) -> [Int] {
        let keyed = indices.map { index -> (index: Int, seconds: Double) in
            let (last, timeout) = estimate(index)
            // A last run is a measurement; a timeout only a bound, so a measured time wins.
            return (index, last ?? (timeout.map { $0 / 10 } ?? 0))
        }
        return keyed.sorted { ($1.seconds, $0.index) < ($0.seconds, $1.index) }.map(\.index)
    }

    /// Results for `lessons`: from the cache where valid (unless forced), else by running them,
    /// as many at once as there are cores, the longest first.
    func execute(_ lessons: [Lesson], display: ProgressDisplay) -> [Outcome] {
        var cached = [Outcome?](repeating: nil, count: lessons.count)
        var pending: [Int] = []
        for (index, lesson) in lessons.enumerated() {
            let key = runner.cacheKey(for: lesson)
            if !options.force, let result = cache.result(for: lesson, key: key, projectRoot: paths.root) {
                cached[index] = Outcome(path: lesson.path, lesson: lesson, result: .success(result), seconds: 0, fromCache: true)
            } else {
                pending.append(index)
            }
        }
        let toRun = Self.longestFirst(pending) { index in
            (cache.lastRunSeconds(for: lessons[index]), lessons[index].frontMatter.timeout)
        }
        let ran = OutcomeSlots(count: lessons.count)
        DispatchQueue.concurrentPerform(iterations: toRun.count) { position in
            let lesson = lessons[toRun[position]]
            display.started(lesson, estimate: cache.lastRunSeconds(for: lesson))
            let started = Date()
            let result = Result { () throws(LessonError) in
                try runner.run(lesson) { display.update(lesson.path, $0) }
            }
            let seconds = Date().timeIntervalSince(started)
            var changes: [ValueWatch.Change] = []
            if case .success(let executed) = result {
                if let previous = cache.lastRunValues(for: lesson) {
                    changes = ValueWatch.changes(path: lesson.path, old: previous, new: executed, tolerance: options.watchTolerance)
                }
                if options.writeCache {
                    try? cache.store(executed, key: runner.cacheKey(for: lesson), seconds: seconds, projectRoot: paths.root)
                }
            }
            let outcome = Outcome(
                path: lesson.path, lesson: lesson, result: result, seconds: seconds, fromCache: false, changes: changes)
            ran.set(toRun[position], outcome)
            switch result {
            case .success: display.finished(lesson.path, "ran \(lesson.path) in \(ProgressDisplay.seconds(seconds))")
            case .failure: display.finished(lesson.path, "failed \(lesson.path) after \(ProgressDisplay.seconds(seconds))")
            }
        }
        return zip(cached, ran.values).map { $0 ?? $1! }
    }

    /// The page of a lesson: its Markdown with outputs and values, or, when it failed, its text
    /// with the error above it.
    func page(for lesson: Lesson, result: Result<ExecutedLesson, LessonError>) -> Result<PageSource, LessonError> {
        let frontMatter = lesson.frontMatter
        switch result {
        case .success(let executed):
            return Result { () throws(LessonError) in
                let spliced = try OutputSplicer.splice(executed)
                let seed = frontMatter.seed ?? LessonRunner.defaultSeed
                return PageSource(
                    slug: lesson.slug, title: frontMatter.title, summary: frontMatter.summary, order: frontMatter.order,
                    markdown: spliced.markdown,
                    reproducibility: Reproducibility(seed: seed, engine: EngineSources.digest, lessonPath: lesson.path),
                    allowRawHTML: frontMatter.allowsRawHTML, sourcePath: lesson.path, sourceLines: spliced.sourceLines,
                    values: spliced.values.map { ValueProvenance.inlineValue($0, lesson: lesson, executed: executed, seed: seed) })
            }
        case .failure(let error):
            return .failure(error)
        }
    }

    func errorPage(for lesson: Lesson, error: LessonError) -> PageSource {
        let body = lesson.lines[(lesson.bodyStartLine - 1)...].joined(separator: "\n")
        return PageSource(
            slug: lesson.slug, title: lesson.frontMatter.title, summary: lesson.frontMatter.summary,
            order: lesson.frontMatter.order, markdown: body, failure: error.description,
            allowRawHTML: lesson.frontMatter.allowsRawHTML, sourcePath: lesson.path,
            sourceLines: Array(lesson.bodyStartLine...max(lesson.bodyStartLine, lesson.lines.count)))
    }
}

/// Outcomes filled in by parallel workers.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [BuildPipeline.Outcome?]

    init(count: Int) {
        slots = [BuildPipeline.Outcome?](repeating: nil, count: count)
    }

    func set(_ index: Int, _ outcome: BuildPipeline.Outcome) {
        lock.withLock { slots[index] = outcome }
    }

    var values: [BuildPipeline.Outcome?] { lock.withLock { slots } }
}
