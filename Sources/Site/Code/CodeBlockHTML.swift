/// The HTML of a fenced code block, by its info string.
///
/// - `swift …` (experiment blocks included): highlighted Swift; with `hide-code` among the
///   words, folded into a `<details>` the reader can open.
/// - `output`: what an experiment printed, in a box of its own that scrolls sideways rather
///   than wrapping, so ASCII plots keep their shape.
/// - the pieces of an exercise, as Notebook's `ExerciseMarkdown` lays them out: the starter
///   (`swift exercise … number=N`) under an "Exercise N" label, the checks' words
///   (`exercise-checks`), and the solution folded between `exercise-solution` and
///   `exercise-solution-end`, closed until the reader opens it.
/// - anything else: `nil`, cmark's own rendering.
///
/// An `anchor=NAME` word (the build adds one to every experiment block) becomes the block's
/// `id`, the target of the links from the values it recorded.
enum CodeBlockHTML {
    static func html(info: String, code: String) -> String? {
        let words = info.split(separator: " ").map(String.init)
        let anchor = words.first { $0.hasPrefix("anchor=") }.map { String($0.dropFirst("anchor=".count)) }
        let id = anchor.map { " id=\"\(HTMLText.escaped($0))\"" } ?? ""
        switch words.first {
        case "output" where words.contains("stderr"):
            return "<pre class=\"output stderr\" title=\"written to standard error\"><code>\(HTMLText.escaped(code))</code></pre>\n"
        case "output":
            return "<pre class=\"output\"><code>\(HTMLText.escaped(code))</code></pre>\n"
        case "exercise-checks" where words.contains("passed"):
            return "<ul class=\"checks-passed\">\n" + checkItems(code, mark: "<span class=\"check-mark\">✓</span> ") + "</ul>\n"
        case "exercise-checks":
            return "<div class=\"exercise-checks\">\n<p>Your answer is right when:</p>\n<ul>\n" + checkItems(code) + "</ul>\n</div>\n"
        case "exercise-solution":
            return "<details class=\"solution\">\n<summary>Solution</summary>\n"
        case "exercise-solution-end":
            return "</details>\n"
        case "swift":
            let kind = words.count > 1 ? words[1] : ""
            if kind == "exercise", let number = words.first(where: { $0.hasPrefix("number=") })?.dropFirst("number=".count) {
                let label = anchor.map { "<a href=\"#\(HTMLText.escaped($0))\">Exercise \(HTMLText.escaped(String(number)))</a>" }
                    ?? "Exercise \(HTMLText.escaped(String(number)))"
                return "<p class=\"exercise-label\"\(id)>\(label)</p>\n" + pre(code, classes: "code exercise") + "\n"
            }
            let isExperiment = kind == "experiment"
            let hidden = words.contains("hide-code")
            let classes = "code" + (isExperiment ? " experiment" : kind == "solution" ? " solution" : "")
            let block = pre(code, classes: classes, id: hidden ? "" : id)
            if hidden {
                return "<details class=\"hidden-code\"\(id)><summary>Show the code</summary>\n\(block)\n</details>\n"
            }
            return block + "\n"
        default:
            return nil
        }
    }

    private static func pre(_ code: String, classes: String, id: String = "") -> String {
        "<pre class=\"\(classes)\"\(id)><code class=\"language-swift\">\(SwiftHighlighter.html(code))</code></pre>"
    }

    /// One `<li>` for each line of `code`, a claim's words; text between backticks, as a
    /// claim names the code it checks (`largest`), is shown as code.
    private static func checkItems(_ code: String, mark: String = "") -> String {
        code.split(separator: "\n").map { line in
            let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
            // An odd number of pieces: every backtick has its partner.
            let words = pieces.count % 2 == 1
                ? pieces.enumerated().map { $0 % 2 == 1 ? "<code>\(HTMLText.escaped(String($1)))</code>" : HTMLText.escaped(String($1)) }.joined()
                : HTMLText.escaped(String(line))
            return "<li>\(mark)\(words)</li>\n"
        }.joined()
    }
}
