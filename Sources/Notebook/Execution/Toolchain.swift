import Foundation

/// Where the compiler and the engine's built modules are.
///
/// Experiment programs are compiled with the toolchain's own `swiftc -O` against the modules
/// `swift build` produced for the package: `libLessonRuntime.so` (the engine and LessonKit as
/// one dynamic library) and their `.swiftmodule` files. They sit next to the `lessons`
/// executable, so the runtime directory defaults to the executable's own directory.
public struct Toolchain: Sendable {
    /// The `swiftc` to run.
    public let compiler: String
    /// The directory holding `libLessonRuntime.so`.
    public let runtimeDirectory: String
    /// The directory holding `Recurrent.swiftmodule` and `LessonKit.swiftmodule`.
    public let moduleDirectory: String
    /// A digest of the engine and LessonKit build and of the compiler: when it changes, every
    /// cached lesson result is stale.
    public let identity: String

    /// The dynamic library experiment programs link.
    public static let runtimeLibrary = "LessonRuntime"

    /// The program every experiment (and the compiler) runs under, built beside the library.
    public static let supervisorName = "ExperimentSupervisor"

    /// The supervisor's path (see `ChildProcess`).
    public var supervisor: String { "\(runtimeDirectory)/\(Self.supervisorName)" }

    /// The C modules the engine imports (`CEngineSupport`), as module maps `swift build` wrote
    /// beside the library: the compiler must see them to load the engine's Swift module.
    public var clangModuleMaps: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: runtimeDirectory)) ?? []
        return entries.filter { $0.hasSuffix(".build") }.sorted()
            .map { "\(runtimeDirectory)/\($0)/module.modulemap" }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The code-generation flags the engine is built with (see Package.swift), passed to the
    /// compiler for experiment programs too.
    public static let vectorFlags: [String] = {
        #if arch(x86_64)
        return ["-target-cpu", "haswell"]
        #else
        return []
        #endif
    }()

    public init(compiler: String, runtimeDirectory: String, moduleDirectory: String) {
        self.compiler = compiler
        self.runtimeDirectory = runtimeDirectory
        self.moduleDirectory = moduleDirectory
        identity = Self.identity(compiler: compiler, runtimeDirectory: runtimeDirectory, moduleDirectory: moduleDirectory)
    }

    /// The bytes of the runtime library and of the modules, and the compiler
    /// binary's resolved path, size and modification time (cheaper than asking it its version,
    /// and it changes whenever the toolchain does).
    private static func identity(compiler: String, runtimeDirectory: String, moduleDirectory: String) -> String {
        var hash = ContentHash()
        let modules = ExperimentProgram.importedModules.filter { $0 != "Foundation" }
        for path in ["\(runtimeDirectory)/lib\(runtimeLibrary).so"] + modules.map({ "\(moduleDirectory)/\($0).swiftmodule" }) {
            // Content only: the same build found in another directory is the same engine.
            if let data = FileManager.default.contents(atPath: path) { hash.add(data) }
        }
        let resolved = URL(fileURLWithPath: compiler).resolvingSymlinksInPath().path
        hash.add(resolved)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) {
            hash.add("\(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        return hash.hex
    }

    /// Finds the toolchain for this process.
    ///
    /// `LESSONS_SWIFTC` overrides the compiler (else `swiftc` on `PATH`); `LESSONS_RUNTIME_DIR`
    /// overrides the runtime directory (else the directory of the running executable).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        let compiler = try environment["LESSONS_SWIFTC"] ?? findOnPath("swiftc", path: environment["PATH"] ?? "")
        let runtimeDirectory = environment["LESSONS_RUNTIME_DIR"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let library = runtimeDirectory + "/lib\(runtimeLibrary).so"
        guard FileManager.default.fileExists(atPath: library) else {
            throw ToolchainError(message: """
                the engine library \(library) is missing. Build it with `swift build -c release` \
                (a plain `swift run lessons` builds only the command), then run \
                `.build/release/lessons` again.
                """)
        }
        guard FileManager.default.isExecutableFile(atPath: runtimeDirectory + "/" + supervisorName) else {
            throw ToolchainError(message: "\(runtimeDirectory)/\(supervisorName), which runs the experiments, is missing. "
                + "Build it with `swift build -c release`, then run `.build/release/lessons` again.")
        }
        // SwiftPM 5.x put module files beside the libraries; 6.x puts them under Modules/.
        let candidates = [runtimeDirectory + "/Modules", runtimeDirectory]
        guard let moduleDirectory = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0 + "/Recurrent.swiftmodule")
        }) else {
            throw ToolchainError(message: "no Recurrent.swiftmodule under \(runtimeDirectory); rebuild with `swift build -c release`")
        }
        let toolchain = Toolchain(compiler: compiler, runtimeDirectory: runtimeDirectory, moduleDirectory: moduleDirectory)
        if let missing = toolchain.missingHeaders.first {
            // SwiftPM's own module cache in the build folder remembers the old place as well,
            // so `swift build` alone fails after a move until that cache is gone.
            throw ToolchainError(message: """
                the engine's build in \(runtimeDirectory) was made from sources that are no longer where it expects \
                them (\(missing) is missing: was the project moved or copied?). In the project, run \
                `rm -rf \(runtimeDirectory)/ModuleCache && swift build -c release` to bring the build up to date, \
                then run the command again; cached lesson results are kept.
                """)
        }
        return toolchain
    }

    /// Headers the C module maps of the build name but that do not exist: `swift build`
    /// writes absolute paths into them, so a project moved after building points at its old
    /// place until it is built again.
    var missingHeaders: [String] {
        clangModuleMaps.flatMap { path -> [String] in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line -> String? in
                guard line.contains("header \""), let start = line.firstIndex(of: "\""),
                      let end = line[line.index(after: start)...].firstIndex(of: "\"") else { return nil }
                let header = String(line[line.index(after: start)..<end])
                return header.hasPrefix("/") && !FileManager.default.fileExists(atPath: header) ? header : nil
            }
        }
    }

    private static func findOnPath(_ name: String, path: String) throws -> String {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ToolchainError(message: "`\(name)` is not on PATH; install the Swift toolchain or set LESSONS_SWIFTC")
    }
}

/// The compiler or the engine's modules could not be found.
public struct ToolchainError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
