import ArgumentParser
import Notebook

/// How strictly `build`, `check` and `serve` read the lessons' text, and how closely they watch
/// the recorded values.
struct CheckOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Treat warnings as errors: a result typed by hand in the prose, or TeX the site cannot draw.",
        discussion: "A number in prose that reads as a result (decimals, a percentage, a multiplier such as 1.5×) must come from a run as {{name}}, or be marked as an intended literal with {{=0.001}}."))
    var strict = false

    @Option(help: ArgumentHelp(
        "Report a recorded value as moved when it changes by more than this fraction of its size.",
        valueName: "fraction"))
    var watchTolerance: Double = ValueWatch.defaultTolerance
}
