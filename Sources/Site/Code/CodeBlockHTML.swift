/// The HTML of a fenced code block, by its info string.
///
/// - `swift …` (experiment blocks included): highlighted Swift; with `hide-code` among the
///   words, folded into a `<details>` the reader can open.
/// - `output`: what an experiment printed, in a box of its own that scrolls sideways rather
///   than wrapping, so ASCII plots keep their shape.
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
        case "swift":
            let isExperiment = words.count > 1 && words[1] == "experiment"
            let hidden = words.contains("hide-code")
            let block = "<pre class=\"code\(isExperiment ? " experiment" : "")\"\(hidden ? "" : id)><code class=\"language-swift\">\(SwiftHighlighter.html(code))</code></pre>"
            if hidden {
                return "<details class=\"hidden-code\"\(id)><summary>Show the code</summary>\n\(block)\n</details>\n"
            }
            return block + "\n"
        default:
            return nil
        }
    }
}
