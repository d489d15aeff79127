/// Checks on the words a reader sees (cmark's text nodes: never code, math or values), for the
/// two ways a page can say something the build did not check.
enum ProseChecks {
    /// Numbers that read as results — with decimals (`2.869`, `.05`), as percentages (`50%`),
    /// multipliers (`1.5×`, `3x`) or in scientific notation (`1e-3`) — typed by hand rather
    /// than spliced from a recorded value. Whole numbers (sizes, counts, years) are not
    /// flagged, nor version-like runs (`6.3.1`) and numbers inside words or identifiers
    /// (`h0.5`, `arXiv:1503.04069`).
    ///
    /// `text` should have its math and value placeholders removed.
    static func handTypedNumbers(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var index = 0
        func isDigit(_ position: Int) -> Bool { position >= 0 && position < characters.count && characters[position].isASCII && characters[position].isNumber }
        while index < characters.count {
            let startsNumber = isDigit(index) || (characters[index] == "." && isDigit(index + 1) && !isDigit(index - 1))
            guard startsNumber else { index += 1; continue }
            let start = index
            if index > 0 {
                let previous = characters[index - 1]
                if previous.isLetter || previous.isNumber || "_/:#\\.@".contains(previous) {
                    // Inside a word, a path or an identifier: skip the whole run.
                    while index < characters.count && (characters[index].isLetter || characters[index].isNumber || ".,".contains(characters[index])) { index += 1 }
                    continue
                }
            }
            var hasDecimals = false
            while isDigit(index) { index += 1 }
            // Thousands separators: "5,400".
            while index < characters.count, characters[index] == ",",
                  isDigit(index + 1), isDigit(index + 2), isDigit(index + 3), !isDigit(index + 4) {
                index += 4
            }
            if index < characters.count, characters[index] == ".", isDigit(index + 1) {
                hasDecimals = true
                index += 1
                while isDigit(index) { index += 1 }
                if index < characters.count, characters[index] == ".", isDigit(index + 1) {
                    // A version or a section number: "6.3.1".
                    while index < characters.count && (isDigit(index) || characters[index] == ".") { index += 1 }
                    continue
                }
            }
            var end = index
            var reads = hasDecimals
            // Scientific notation: 1e-3, 2.5E+10.
            if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                var exponent = end + 1
                if exponent < characters.count, "+-−".contains(characters[exponent]) { exponent += 1 }
                if isDigit(exponent) {
                    while isDigit(exponent) { exponent += 1 }
                    end = exponent
                    reads = true
                }
            }
            var suffix = end
            while suffix < characters.count, characters[suffix] == " " || characters[suffix] == "\u{00A0}" || characters[suffix] == "\u{202F}" { suffix += 1 }
            if suffix < characters.count {
                let next = characters[suffix]
                let followedByLetter = suffix + 1 < characters.count && characters[suffix + 1].isLetter
                if next == "%" || next == "×" || (next == "x" && suffix == end && !followedByLetter) {
                    end = suffix + 1
                    reads = true
                }
            }
            if end == index, end < characters.count, characters[end].isLetter {
                // "2nd", "3D", "64k": a word, not a result.
                while index < characters.count && (characters[index].isLetter || characters[index].isNumber) { index += 1 }
                continue
            }
            if reads { found.append(String(characters[start..<end])) }
            index = max(end, index)
        }
        return found
    }

    /// TeX commands (`\lVert`, `\frac`) outside math: they would reach the page as written.
    static func texCommands(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var index = 0
        while index < characters.count {
            if characters[index] == "\\", index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isLetter {
                var end = index + 1
                while end < characters.count, characters[end].isASCII, characters[end].isLetter { end += 1 }
                found.append(String(characters[index..<end]))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// `text` with the math and value placeholders (private-use characters and what they
    /// enclose) replaced by a neutral mark, so nothing inside them is read as prose.
    static func withoutPlaceholders(_ text: String) -> String {
        var result = ""
        var inside = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xE000, 0xE002, 0xE004, 0xE006: inside = true
            case 0xE001, 0xE003, 0xE005, 0xE007: inside = false; result += "\u{25A1}"
            default: if !inside { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
