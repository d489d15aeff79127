import ArgumentParser
import Foundation
import Notebook

/// `lessons list`: the lessons in curriculum order.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons in curriculum order with their titles and experiment blocks."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let paths = ProjectPaths(root: project.root)
        var rows: [(order: Int?, path: String, text: String)] = []
        for file in try paths.lessonFiles() {
            let path = paths.relative(file)
            do {
                let lesson = try Lesson.load(from: file, path: path)
                let blocks = lesson.blocks.count
                rows.append((lesson.frontMatter.order, path,
                             "\(lesson.frontMatter.title) (\(blocks) experiment block\(blocks == 1 ? "" : "s"))"))
            } catch {
                rows.append((nil, path, "cannot be parsed: \(error)"))
            }
        }
        rows.sort { ($0.order ?? Int.max, $0.path) < ($1.order ?? Int.max, $1.path) }
        let width = rows.map(\.path.count).max() ?? 0
        for row in rows {
            let order = row.order.map { String(repeating: " ", count: max(0, 3 - String($0).count)) + String($0) } ?? "  -"
            print("\(order)  \(row.path.padding(toLength: width, withPad: " ", startingAt: 0))  \(row.text)")
        }
        if rows.isEmpty { print("no lessons in \(paths.relative(paths.lessons))/") }
    }
}
