import ArgumentParser

/// `lessons`: run the lessons' experiments and build the site.
@main
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Run the experiments in Markdown lessons about recurrent networks and build the site.",
        subcommands: [BuildCommand.self]
    )
}

/// Options every command that works on a project shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project root, holding lessons/ and site/.")
    var root: String = "."
}
