/// The TeX vocabulary the lessons use, mapped to the characters MathML shows.
enum TeXSymbols {
    /// Letters drawn as identifiers (`<mi>`).
    static let identifiers: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "partial": "∂", "nabla": "∇", "infty": "∞", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
    ]

    /// Symbols drawn as operators (`<mo>`).
    static let operators: [String: String] = [
        "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓",
        "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "∙",
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼",
        "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "implies": "⟹", "iff": "⟺",
        "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪", "cap": "∩",
        "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨",
        "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dots": "…",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "vert": "|", "Vert": "‖", "|": "‖", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "mid": "∣",
        "Longrightarrow": "⟹", "longrightarrow": "⟶", "Longleftarrow": "⟸", "longleftarrow": "⟵",
        "lbrace": "{", "rbrace": "}", "coloneqq": "≔", "triangleq": "≜", "setminus": "∖", "{": "{", "}": "}", "%": "%", "#": "#", "&": "&", "$": "$", "_": "_",
        "top": "⊤", "perp": "⊥", "prime": "′", "colon": ":",
    ]

    /// Operators with limits set under and over them in display style.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "oint": "∮", "bigcup": "⋃", "bigcap": "⋂",
    ]

    /// Functions written upright; those in `limitFunctions` take their subscripts underneath
    /// in display style.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "log", "ln", "det", "arg", "dim", "ker", "deg",
        "lim", "max", "min", "sup", "inf", "argmax", "argmin", "Pr", "gcd", "sgn", "softmax", "diag",
    ]
    static let limitFunctions: Set<String> = ["lim", "max", "min", "sup", "inf", "argmax", "argmin"]

    /// Accents: the mark drawn over (or under) their argument.
    static let accents: [String: (mark: String, under: Bool)] = [
        "tilde": ("~", false), "widetilde": ("~", false), "hat": ("^", false), "widehat": ("^", false),
        "bar": ("¯", false), "overline": ("¯", false), "vec": ("→", false), "dot": ("˙", false),
        "ddot": ("¨", false), "underline": ("_", true), "check": ("ˇ", false), "breve": ("˘", false),
        "acute": ("´", false), "grave": ("`", false), "mathring": ("˚", false),
        "overrightarrow": ("→", false), "overleftarrow": ("←", false),
    ]

    /// Horizontal spaces, in em.
    static let spaces: [String: String] = [
        ",": "0.1667em", ":": "0.2222em", ";": "0.2778em", "!": "-0.1667em", " ": "0.25em",
        "quad": "1em", "qquad": "2em", "enspace": "0.5em",
        // A backslash at the end of a line is TeX's control space, as `\ ` is.
        "\n": "0.25em", "\r\n": "0.25em", "\t": "0.25em",
    ]

    /// Delimiters after `\left`, `\right` and the `\big` family.
    static func delimiter(_ name: String) -> String? {
        switch name {
        case "(", ")", "[", "]", "|", "/": name
        case ".": ""
        case "\\{", "lbrace": "{"
        case "\\}", "rbrace": "}"
        case "\\|", "Vert": "‖"
        case "vert", "lvert", "rvert": "|"
        case "lVert", "rVert": "‖"
        case "langle": "⟨"
        case "rangle": "⟩"
        case "lfloor": "⌊"
        case "rfloor": "⌋"
        case "lceil": "⌈"
        case "rceil": "⌉"
        default: nil
        }
    }

    /// A letter in one of TeX's alphabets (`\mathbb`, `\mathbf`, `\mathcal`), as the Unicode
    /// mathematical alphanumeric character: MathML Core draws letters as the characters say,
    /// not by a `mathvariant` attribute.
    static func styled(_ character: Character, alphabet: String) -> String {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return String(character) }
        let value = scalar.value
        let isUpper = (0x41...0x5A).contains(value)
        let isLower = (0x61...0x7A).contains(value)
        let isDigit = (0x30...0x39).contains(value)
        let exceptions: [String: [Character: String]] = [
            "double-struck": ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
            "script": ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                       "e": "ℯ", "g": "ℊ", "o": "ℴ"],
        ]
        if let special = exceptions[alphabet]?[character] { return special }
        if alphabet == "bold-italic", let greek = boldItalicGreek(value) { return greek }
        let base: UInt32?
        switch alphabet {
        case "bold": base = isUpper ? 0x1D400 : isLower ? 0x1D41A : isDigit ? 0x1D7CE : nil
        case "bold-italic": base = isUpper ? 0x1D468 : isLower ? 0x1D482 : isDigit ? 0x1D7CE : nil
        case "double-struck": base = isUpper ? 0x1D538 : isLower ? 0x1D552 : isDigit ? 0x1D7D8 : nil
        case "script": base = isUpper ? 0x1D49C : isLower ? 0x1D4B6 : nil
        default: base = nil
        }
        guard let base else { return String(character) }
        let offset = value - (isUpper ? 0x41 : isLower ? 0x61 : 0x30)
        return Unicode.Scalar(base + offset).map { String(Character($0)) } ?? String(character)
    }

    /// A Greek letter in bold italic, as `\boldsymbol{\theta}` draws it. The mathematical
    /// Greek block follows the order of the Greek block (Α…Ω, α…ω), then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static func boldItalicGreek(_ value: UInt32) -> String? {
        let capitals: UInt32 = 0x1D71C, lowercase: UInt32 = 0x1D736
        let variants: [UInt32: UInt32] = [0x2207: capitals + 25, 0x2202: lowercase + 25 + 1, 0x03F5: lowercase + 27,
                                          0x03D1: lowercase + 28, 0x03F0: lowercase + 29, 0x03D5: lowercase + 30,
                                          0x03F1: lowercase + 31, 0x03D6: lowercase + 32]
        let code: UInt32? = switch value {
        case 0x0391...0x03A9: capitals + value - 0x0391
        case 0x03B1...0x03C9: lowercase + value - 0x03B1
        default: variants[value]
        }
        return code.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
