/// The site's one stylesheet: a readable text column beside a sidebar of lessons, code and
/// output told apart, plots that scroll sideways instead of wrapping, light and dark themes
/// from the system setting, a single column on a phone, and no navigation on paper.
enum Stylesheet {
    static let css = """
        @font-face {
          font-family: "Latin Modern Math"; font-style: normal; font-weight: normal;
          src: local("Latin Modern Math"), local("LatinModernMath-Regular"), url("\(StaticFiles.mathFont)") format("opentype");
        }
        :root {
          color-scheme: light dark;
          --text: #1d1f21; --muted: #5c6370; --background: #ffffff; --link: #0b5cad;
          --code-background: #f4f5f7; --output-background: #fbf8ef; --output-border: #d9c88f;
          --rule: #e1e4e8; --accent: #0b5cad; --error: #c0392b; --exercise: #8a5a00;
          --keyword: #a626a4; --type: #986801; --string: #50a14f; --number: #b76b01; --comment: #7c8089; --attribute: #4078f2;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #dcdfe4; --muted: #9aa1ad; --background: #16181c; --link: #6cb6ff;
            --code-background: #1f2329; --output-background: #201e17; --output-border: #6b5d2f;
            --rule: #2d323a; --accent: #6cb6ff; --error: #ff7b72; --exercise: #e0b45c;
            --keyword: #c678dd; --type: #e5c07b; --string: #98c379; --number: #d19a66; --comment: #7f848e; --attribute: #61afef;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; color: var(--text); background: var(--background);
          font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, "DejaVu Serif", Georgia, serif;
        }
        a { color: var(--link); }
        /* A number that came from a run: it links to the block that recorded it, whose line and seed its title names. */
        a.value, span.value { color: inherit; text-decoration: underline dotted var(--muted); text-underline-offset: 0.2em; }
        a.value:hover { color: var(--link); }
        .site-header {
          padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--rule);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 0.95rem;
        }
        .site-header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
        .site-header a { text-decoration: none; font-weight: 600; }
        form.search input { font: inherit; padding: 0.2rem 0.5rem; border: 1px solid var(--rule); border-radius: 4px; background: var(--background); color: var(--text); min-width: 14rem; }
        main.search-page { margin: 0 auto; }
        main.search-page input { font: inherit; padding: 0.3rem 0.5rem; width: min(30rem, 100%); }
        .search-summary { color: var(--muted); }
        .search-results li { margin: 1rem 0; }
        .search-results p { margin: 0.2rem 0 0; }
        .search-results mark { background: #fff3a0; color: inherit; }
        .layout { display: flex; align-items: flex-start; max-width: 72rem; margin: 0 auto; }
        .sidebar {
          flex: 0 0 15rem; position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
          padding: 1.5rem 1rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          font-size: 0.9rem; line-height: 1.4;
        }
        .sidebar ol { list-style: none; padding: 0; margin: 0; }
        .sidebar li { margin: 0.45rem 0; }
        .sidebar a { text-decoration: none; }
        .sidebar a[aria-current="page"] { font-weight: 700; color: var(--text); }
        .nav-title { margin: 0 0 0.75rem; font-weight: 600; }
        main { flex: 1 1 auto; min-width: 0; max-width: 46rem; padding: 1rem 1.25rem 4rem; }
        main.index { margin: 0 auto; }
        h1, h2, h3, h4 { line-height: 1.25; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        h2, h3 { margin-top: 2rem; }
        .reproducibility { color: var(--muted); font-size: 0.85rem; border-left: 3px solid var(--rule); padding-left: 0.75rem; }
        .toc { border: 1px solid var(--rule); border-radius: 4px; padding: 0.5rem 1rem; margin: 1rem 0 1.5rem; font-size: 0.9rem; }
        .toc-title { margin: 0.25rem 0; font-weight: 600; }
        .toc ol { margin: 0.25rem 0; padding-left: 1.25rem; }
        .toc-level-3 { margin-left: 1rem; list-style: circle; }
        .toc ol.numbered { list-style: none; padding-left: 0.25rem; }
        .section-number { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.35em; }
        .equation { display: flex; align-items: center; gap: 1rem; }
        div.equation { margin: 1rem 0; }
        .equation math[display="block"] { flex: 1; margin: 0; }
        .equation-number { white-space: nowrap; }
        p.caption { margin-top: 0.4rem; font-size: 0.95rem; color: var(--muted); }
        .caption-label { font-weight: 600; color: var(--text); }
        .references ul.reference-list, main.index ul.reference-list { padding-left: 0; list-style: none; }
        .reference-list li { margin: 0.6rem 0; padding-left: 1.5rem; text-indent: -1.5rem; }
        .reference-list li:target, pre:target, table:target, .equation:target { outline: 2px solid var(--link); outline-offset: 4px; }
        .cited-in { color: var(--muted); }
        pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85rem; }
        pre {
          padding: 0.75rem 1rem; overflow-x: auto; white-space: pre; line-height: 1.35;
          background-color: var(--code-background); border-radius: 4px;
        }
        pre code { white-space: pre; }
        pre.experiment { border-left: 3px solid var(--accent); }
        pre.output { background-color: var(--output-background); border-left: 3px solid var(--output-border); }
        pre.output.stderr { border-left-color: var(--error); }
        details.hidden-code { margin: 1rem 0; }
        details.hidden-code summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
        /* An exercise: its label, the starter in the exercise colour, the checks in words, the solution folded. */
        .exercise-label {
          margin: 2rem 0 0.5rem; font-weight: 700; color: var(--exercise);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
        }
        .exercise-label a { color: inherit; text-decoration: none; }
        .exercise-label a::before { content: "✏️ "; }
        .exercise-label:target { outline: 2px solid var(--link); outline-offset: 4px; }
        pre.exercise { border-left: 3px solid var(--exercise); }
        .exercise-checks { border-left: 3px solid var(--exercise); padding: 0.1rem 1rem; margin: 1rem 0; }
        .exercise-checks p { margin: 0.4rem 0 0.2rem; font-weight: 600; }
        .exercise-checks ul, ul.checks-passed { margin: 0.2rem 0 0.6rem; padding-left: 1.25rem; }
        ul.checks-passed { list-style: none; padding-left: 0.25rem; }
        .check-mark { color: var(--string); font-weight: 700; }
        details.solution { margin: 1rem 0 2rem; border: 1px solid var(--rule); border-radius: 4px; padding: 0.25rem 1rem; }
        details.solution > summary { cursor: pointer; font-weight: 600; color: var(--muted); }
        details.solution[open] > summary { margin-bottom: 0.5rem; }
        .hl-keyword { color: var(--keyword); }
        .hl-type { color: var(--type); }
        .hl-string { color: var(--string); }
        .hl-number { color: var(--number); }
        .hl-comment { color: var(--comment); font-style: italic; }
        .hl-attribute { color: var(--attribute); }
        /* The site ships Latin Modern Math (fonts/), whose OpenType MATH table lets brackets and sums stretch. */
        math { font-family: "Latin Modern Math", math; font-size: 1.08em; }
        math[display="block"] { margin: 1rem 0; overflow-x: auto; overflow-y: hidden; }
        table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
        td { font-variant-numeric: tabular-nums; }
        .raw-html { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; }
        .lesson-error { border: 2px solid var(--error); border-radius: 4px; padding: 0 1rem; margin: 1rem 0; }
        .lesson-error pre { background: none; padding: 0 0 1rem; }
        .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
        .pager .next { margin-left: auto; text-align: right; }
        .lesson-list { padding-left: 0; list-style: none; }
        .lesson-list li { margin: 1rem 0; }
        .lesson-list p { margin: 0.2rem 0 0; color: var(--muted); }
        .lesson-number { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.4rem; }
        /* On a wide screen the column widens, so that more code fits unscrolled. */
        @media (min-width: 72rem) {
          .layout { max-width: 84rem; }
          main { max-width: 58rem; }
        }
        pre { scrollbar-width: thin; scrollbar-color: var(--muted) transparent; }
        /* A shadow at the edge that has more to scroll to: phones hide scrollbars, and a cut plot
           or formula would otherwise read as complete. */
        pre, table, math[display="block"] {
          background-image: linear-gradient(to right, var(--scroll-cover), var(--scroll-cover)), linear-gradient(to right, var(--scroll-cover), var(--scroll-cover)),
            linear-gradient(to right, rgba(0, 0, 0, 0.18), transparent), linear-gradient(to left, rgba(0, 0, 0, 0.18), transparent);
          background-position: left center, right center, left center, right center;
          background-repeat: no-repeat;
          background-size: 1.25rem 100%, 1.25rem 100%, 0.6rem 100%, 0.6rem 100%;
          background-attachment: local, local, scroll, scroll;
        }
        pre { --scroll-cover: var(--code-background); background-color: var(--code-background); }
        pre.output { --scroll-cover: var(--output-background); background-color: var(--output-background); }
        table, math[display="block"] { --scroll-cover: var(--background); }
        .reference-list a { overflow-wrap: anywhere; }
        .cited-in { display: block; }
        .toc a { text-decoration: none; }
        .toc a:hover { text-decoration: underline; }
        main.search-page form { display: flex; gap: 0.5rem; align-items: center; }
        main.search-page input { flex: 1 1 auto; min-width: 0; }
        @media (max-width: 40rem) {
          .equation { flex-direction: column; align-items: stretch; gap: 0.25rem; }
          .equation-number { align-self: flex-end; }
          p math:not([display="block"]) { max-width: 100%; overflow-x: auto; vertical-align: middle; }
          pre.output { font-size: 0.7rem; }
          th, td { padding: 0.25rem 0.4rem; }
        }
        @media (max-width: 60rem) {
          .layout { flex-direction: column-reverse; }
          .sidebar { position: static; max-height: none; flex-basis: auto; width: 100%; border-top: 1px solid var(--rule); }
          main { max-width: 100%; }
        }
        @media print {
          .site-header, .sidebar, .pager, .toc { display: none; }
          body { font-size: 11pt; }
          pre { white-space: pre-wrap; border: 1px solid #ccc; }
          a { color: inherit; }
        }

        """
}
