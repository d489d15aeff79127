import ArgumentParser

import Foundation
import Notebook

/// `lessons`: run the lessons' experiments and build the site.
@main
struct LessonsCommand: ParsableCommand {
    static func main() {
        Interruption.install()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Run the experiments in Markdown lessons about recurrent networks and build the site.",
        subcommands: [BuildCommand.self, RunCommand.self, CheckCommand.self, ServeCommand.self, BenchCommand.self, ListCommand.self, NewCommand.self, ExerciseCommand.self, CleanCommand.self]
    )
}

/// Options every command that works on a project shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project root, holding lessons/ and site/.")
    var root: String = "."

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root \(root): no such folder (the project root holds lessons/ and site/)")
        }
    }
}
