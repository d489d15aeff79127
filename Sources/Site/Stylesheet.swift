/// The site's one stylesheet: readable text column, code and output told apart, plots that
/// scroll sideways instead of wrapping, light and dark themes from the system setting.
enum Stylesheet {
    static let css = """
        :root {
          --text: #1d1f21; --muted: #5c6370; --background: #ffffff; --link: #0b5cad;
          --code-background: #f4f5f7; --output-background: #fbf8ef; --output-border: #d9c88f;
          --rule: #e1e4e8;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #dcdfe4; --muted: #9aa1ad; --background: #16181c; --link: #6cb6ff;
            --code-background: #1f2329; --output-background: #201e17; --output-border: #6b5d2f;
            --rule: #2d323a;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; color: var(--text); background: var(--background);
          font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
        }
        a { color: var(--link); }
        .site-header {
          padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--rule);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 0.95rem;
        }
        .site-header a { text-decoration: none; font-weight: 600; }
        main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
        h1, h2, h3 { line-height: 1.25; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85rem; }
        pre {
          padding: 0.75rem 1rem; overflow-x: auto; white-space: pre; line-height: 1.35;
          background: var(--code-background); border-radius: 4px;
        }
        pre code { white-space: pre; }
        pre:has(> code.language-output), pre > code.language-output {
          background: var(--output-background);
        }
        pre:has(> code.language-output) { border-left: 3px solid var(--output-border); }
        table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
        .lesson-error { border: 2px solid #c0392b; border-radius: 4px; padding: 0 1rem; margin: 1rem 0; }
        .lesson-error pre { background: none; padding: 0 0 1rem; }
        .lesson-list { padding-left: 0; list-style: none; }
        .lesson-list li { margin: 1rem 0; }
        .lesson-list p { margin: 0.2rem 0 0; color: var(--muted); }
        .lesson-number { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.4rem; }
        @media print {
          .site-header { display: none; }
          pre { white-space: pre-wrap; }
        }

        """
}
