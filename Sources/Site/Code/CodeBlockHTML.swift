/// The HTML of a fenced code block, by its info string.
///
/// - `swift …` (experiment blocks included): highlighted Swift; with `hide-code` among the
///   words, folded into a `<details>` the reader can open.
/// - `output`: what an experiment printed, in a box of its own that scrolls sideways rather
///   than wrapping, so ASCII plots keep their shape.
/// - anything else: `nil`, cmark's own rendering.
enum CodeBlockHTML {
    static func html(info: String, code: String) -> String? {
        let words = info.split(separator: " ").map(String.init)
        switch words.first {
        case "output":
            return "<pre class=\"output\"><code>\(HTMLText.escaped(code))</code></pre>\n"
        case "swift":
            let isExperiment = words.count > 1 && words[1] == "experiment"
            let block = "<pre class=\"code\(isExperiment ? " experiment" : "")\"><code class=\"language-swift\">\(SwiftHighlighter.html(code))</code></pre>"
            if words.contains("hide-code") {
                return "<details class=\"hidden-code\"><summary>Show the code</summary>\n\(block)\n</details>\n"
            }
            return block + "\n"
        default:
            return nil
        }
    }
}
