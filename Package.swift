// swift-tools-version:6.0
// The lessons project: Markdown lessons about recurrent networks whose Swift experiment
// blocks run against the engine in `Recurrent` and render to a static site.
import PackageDescription

/// The engine's kernels use 8-wide vectors and fused multiply-adds. On x86-64 that needs
/// AVX2 and FMA, which every x86-64 processor since 2013 (Intel Haswell, AMD Zen) has; the
/// runner compiles experiment programs with the same flags.
#if arch(x86_64)
let vectorFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
/// The wide matrix kernel is compiled for AVX-512 processors (Intel since Skylake-SP, AMD
/// since Zen 4) and only ever called after a run-time check that the processor has them.
let wideVectorFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let vectorFlags: [SwiftSetting] = []
let wideVectorFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "lessons",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lessons", targets: ["LessonsCLI"]),
        // `lessons` starts every experiment through this, found next to its own executable.
        .executable(name: "ExperimentSupervisor", targets: ["ExperimentSupervisor"]),
        // Generated experiment programs link this library; `lessons build` looks for it next
        // to its own executable, so `swift build` must build it alongside the tool.
        .library(name: "LessonRuntime", type: .dynamic, targets: ["Recurrent", "LessonKit"]),
        .library(name: "Recurrent", targets: ["Recurrent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CProcessSpawn"),
        // Runs each experiment program so that nothing it starts outlives it or `lessons`
        // (a C program: it sits between `lessons` and the experiment, and must be tiny).
        .executableTarget(name: "ExperimentSupervisor"),
        .target(name: "CEngineSupport"),
        .target(name: "WideKernels", dependencies: ["CEngineSupport"], swiftSettings: wideVectorFlags),
        // The kernels touch class-held buffers in tight loops; the dynamic exclusivity check on
        // each access cost several percent of a training step.
        .target(
            name: "Recurrent", dependencies: ["CEngineSupport", "WideKernels"],
            swiftSettings: vectorFlags + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "LessonKit", swiftSettings: vectorFlags),
        .target(name: "Notebook", dependencies: ["LessonKit", "CProcessSpawn", .product(name: "Yams", package: "Yams")]),
        // The math font the site ships (Latin Modern Math, from Debian's fonts-lmodern) is a resource.
        .target(name: "Site", dependencies: ["CCmarkGFM"], resources: [.copy("Fonts")]),
        .executableTarget(
            name: "LessonsCLI",
            dependencies: [
                "Notebook", "Site", "Recurrent", "CEngineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: vectorFlags
        ),
        // Test data files are read from the source tree (`#filePath`), not bundled.
        .testTarget(name: "RecurrentTests", dependencies: ["Recurrent", "WideKernels"], exclude: ["Fixtures"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "SiteTests", dependencies: ["Site"], exclude: ["Math/Fixtures"]),
        .testTarget(name: "LessonsCLITests", dependencies: ["LessonsCLI"], exclude: ["Fixtures"]),
    ]
)
