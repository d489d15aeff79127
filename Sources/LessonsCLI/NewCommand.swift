import ArgumentParser
import Foundation
import Notebook

/// `lessons new "Title"`: start a lesson from a template.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a lesson from a template, numbered after the last one.",
        discussion: "Writes lessons/NN-title-in-words.md with front matter (order NN) and one experiment block, and prints its path."
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The lesson's title.")
    var title: String

    func validate() throws {
        guard !slugWords.isEmpty else { throw ValidationError("the title needs at least one letter or digit") }
    }

    /// The title's words joined by hyphens, at most 60 characters (whole words), so the file
    /// name stays well inside what file systems allow.
    var slugWords: String {
        var slug = ""
        for word in title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let next = slug.isEmpty ? String(word) : slug + "-" + word
            if next.count > 60 { return slug.isEmpty ? String(word.prefix(60)) : slug }
            slug = next
        }
        return slug
    }

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        try FileManager.default.createDirectory(at: paths.lessons, withIntermediateDirectories: true)
        var highest = 0
        for file in try paths.lessonFiles() {
            if let lesson = try? Lesson.load(from: file, path: paths.relative(file)) {
                highest = max(highest, lesson.frontMatter.order ?? 0)
            }
            highest = max(highest, Int(file.lastPathComponent.prefix(while: \.isNumber)) ?? 0)
        }
        let order = highest + 1
        let number = String(order)
        let file = paths.lessons.appendingPathComponent((number.count < 2 ? "0" + number : number) + "-" + slugWords + ".md")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw ValidationError("\(paths.relative(file)) already exists")
        }
        // A YAML double-quoted scalar: backslashes and quotes escaped, line breaks written as \n.
        let escapedTitle = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
        let template = """
            ---
            title: "\(escapedTitle)"
            summary: One sentence for the index page.
            order: \(order)
            ---

            What this lesson shows, in a few sentences. Numbers in the prose come from the
            experiments: the layer below has {{parameters}} parameters.

            ```swift experiment
            var generator = RandomGenerator(seed: lessonSeed)
            let lstm = LSTM(inputSize: 4, hiddenSize: 8, generator: &generator)
            record("parameters", lstm.parameterCount)
            expect(lstm.parameterCount == 4 * (8 * 4 + 8 * 8 + 8 + 8), "an LSTM has four blocks of weights")
            print(lstm(Tensor(zeros: [1, 3, 4])).output)
            ```

            """
        try template.write(to: file, atomically: true, encoding: .utf8)
        print(paths.relative(file))
    }
}
