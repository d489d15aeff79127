#!/usr/bin/env python3
"""Writes the corpus of formulas from the project's source material as one Markdown page.

Run from the repository root (standard library only):

    python3 Scripts/make_seed_formula_fixture.py [SEEDS_DIRECTORY]

SEEDS_DIRECTORY defaults to /work/shared/seeds. It writes
Tests/SiteTests/Math/Fixtures/seed-formulas.md, which is committed, so the Swift test that renders
it (TeXCorpusTests) needs neither Python nor the seed files.

The seeds are the documents the lessons are written from; their TeX is what an author will
copy, so the converter is held to rendering every formula in them without a warning. Each
distinct formula is kept byte for byte with its own delimiters (`$…$`, `$$…$$`, `\\(…\\)`,
`\\[…\\]`), one paragraph per formula. Formulas that define macros (`\\gdef`, `\\def`,
`\\newcommand`) come first, in the order written, because the formulas after them use those
macros, as they do on the page they come from.

The delimiters are found as the site's MathExtractor finds them: display math first, an inline
`$` opens before a non-space and closes after a non-space not followed by a digit, `\\$` is a
literal dollar, and an inline formula never leaves its paragraph.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Tests" / "SiteTests" / "Math" / "Fixtures" / "seed-formulas.md"
DEFINITION = re.compile(r"^\s*\\(gdef|def|newcommand|renewcommand)\b")


def formulas(text):
    """Each formula of `text` as (opening, tex, closing), in order."""
    found = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        index = 0
        while index < len(paragraph):
            rest = paragraph[index:]
            if rest.startswith("\\$"):
                index += 2
                continue
            match = None
            for opening, closing in (("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)")):
                if rest.startswith(opening):
                    end = paragraph.find(closing, index + len(opening))
                    if end >= 0:
                        match = (opening, paragraph[index + len(opening):end], closing, end + len(closing))
                    break
            if match is None and rest.startswith("$") and len(rest) > 1 and not rest[1].isspace():
                end = index + 1
                while end < len(paragraph):
                    character = paragraph[end]
                    if character == "\\":
                        end += 2
                        continue
                    if (character == "$" and end > index + 1 and not paragraph[end - 1].isspace()
                            and not (end + 1 < len(paragraph) and paragraph[end + 1].isdigit())):
                        match = ("$", paragraph[index + 1:end], "$", end + 1)
                        break
                    end += 1
            if match is None:
                index += 1
                continue
            opening, tex, closing, index = match
            if tex.strip():
                found.append((opening, tex, closing))
    return found


def main():
    seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/seeds")
    definitions, others, seen = [], [], set()
    files = sorted(seeds.glob("*.txt"))
    for path in files:
        for opening, tex, closing in formulas(path.read_text(encoding="utf-8")):
            if tex in seen:
                continue
            seen.add(tex)
            (definitions if DEFINITION.match(tex) else others).append(opening + tex + closing)
    lines = [
        "# Formulas of the source material",
        "",
        "Every distinct formula of the seed documents, as written; the macro definitions first.",
        "Written by Scripts/make_seed_formula_fixture.py: do not edit by hand.",
        "",
    ]
    for formula in definitions + others:
        lines += [formula, ""]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(seen)} distinct formulas ({len(definitions)} definitions) from {len(files)} files -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
