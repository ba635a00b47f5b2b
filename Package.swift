// swift-tools-version:6.0
// The dependency lists below are the architecture: review them like code.
// Fountain and Inference know nothing of each other or of the editor;
// Terminal is the only module that links ncursesw; `intercut` wires them up.
import PackageDescription

let package = Package(
    name: "Intercut",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "intercut", targets: ["intercut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Parse, model, serialize and export Fountain. Pure; no dependencies.
        .target(name: "Fountain"),
        // GGUF models, quant kernels, tokenizer, architectures, sampling. Pure Swift.
        .target(name: "Inference"),
        // Buffer, cursor, undo, commands, layout into a cell grid. No ncurses.
        .target(name: "EditorCore", dependencies: ["Fountain"]),
        // The C side of ncursesw: the system library plus a shim for macros and globals.
        .target(name: "CNcursesShim", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The only Swift module that talks to the terminal.
        .target(
            name: "Terminal",
            dependencies: ["CNcursesShim", "EditorCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "intercut",
            dependencies: [
                "Fountain", "Inference", "EditorCore", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // `swift run -c release FountainBenchmark [FILE]`: parse speed, full and incremental.
        .executableTarget(name: "FountainBenchmark", dependencies: ["Fountain"], path: "Benchmarks/FountainBenchmark"),
        // `swift run -c release LayoutBenchmark FILE`: pagination, stats and export speed.
        .executableTarget(name: "LayoutBenchmark", dependencies: ["Fountain"], path: "Benchmarks/LayoutBenchmark"),
        // Keystroke-to-frame timings of the editor core (swift run -c release EditorBenchmark).
        .executableTarget(name: "EditorBenchmark", dependencies: ["EditorCore", "Fountain"], path: "Benchmarks/EditorBenchmark"),
        .testTarget(name: "FountainTests", dependencies: ["Fountain"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference"]),
        // Cases/ holds editor cases (before, keys, after) read from the source tree.
        .testTarget(name: "EditorCoreTests", dependencies: ["EditorCore", "Fountain"], exclude: ["Cases"]),
        .testTarget(name: "IntercutCLITests", dependencies: ["Fountain"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "EditorCore"]),
    ]
)
