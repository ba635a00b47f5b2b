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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Parse, model, serialize and export Fountain. Pure; no dependencies.
        .target(name: "Fountain"),
        // GGUF models, quant kernels, tokenizer, architectures, sampling. Pure Swift.
        .target(name: "Inference", dependencies: ["InferenceKernels"]),
        // ISA-specific dot-product kernels (AVX2, AVX-VNNI), chosen at run time; see docs/DECISIONS.md.
        .target(name: "InferenceKernels"),
        // "Stream N continuations of this prompt": the protocol, a scripted backend,
        // and the remote servers (Ollama, OpenAI-compatible, llama.cpp) over HTTP.
        .target(
            name: "Backends",
            dependencies: [
                "Inference",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Prompts from a screenplay, beat stop rules, candidate repair, the
        // suggestion lifecycle, steering and the feedback log. No editor, no terminal.
        .target(name: "Assistant", dependencies: ["Fountain", "Backends"]),
        // Buffer, cursor, undo, commands, layout into a cell grid. No ncurses.
        .target(name: "EditorCore", dependencies: ["Fountain", "Provenance"]),
        // Who wrote each span (human, ai, ai-edited): runs, sidecar, re-anchoring, reports.
        .target(name: "Provenance", dependencies: ["Fountain"]),
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
                "Fountain", "Inference", "EditorCore", "Terminal", "Backends", "Assistant",
                "Provenance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Mutation fuzzer for the GGUF reader (run by hand; see scripts/fuzz-gguf).
        .executableTarget(name: "GGUFFuzz", dependencies: ["Inference"]),
        // Tokenizer speed on a text file (run by scripts/bench-tokenizer beside llama.cpp).
        .executableTarget(name: "TokenizerBench", dependencies: ["Inference"], path: "Benchmarks/TokenizerBench"),
        // `swift run -c release EngineContention MODEL`: generation beside a busy thread (pool fairness).
        .executableTarget(name: "EngineContention", dependencies: ["Inference"], path: "Benchmarks/EngineContention"),
        // `swift run -c release FountainBenchmark [FILE]`: parse speed, full and incremental.
        .executableTarget(name: "FountainBenchmark", dependencies: ["Fountain"], path: "Benchmarks/FountainBenchmark"),
        // `swift run -c release PDFExportBenchmark FILE.fountain`: parse, layout and PDF time.
        .executableTarget(name: "PDFExportBenchmark", dependencies: ["Fountain"], path: "Benchmarks/PDFExportBenchmark"),
        // `swift run -c release LayoutBenchmark FILE`: pagination, stats and export speed.
        .executableTarget(name: "LayoutBenchmark", dependencies: ["Fountain"], path: "Benchmarks/LayoutBenchmark"),
        // Keystroke-to-frame timings of the editor core (swift run -c release EditorBenchmark).
        .executableTarget(name: "EditorBenchmark", dependencies: ["EditorCore", "Fountain", "Provenance"], path: "Benchmarks/EditorBenchmark"),
        // `swift run -c release SuggestionBenchmark [FILE]`: prompt build time and time to first token with prefix reuse.
        .executableTarget(name: "SuggestionBenchmark", dependencies: ["Assistant", "Backends", "Fountain", "Inference"],
                          path: "Benchmarks/SuggestionBenchmark"),
        // Fixtures/fdx and Fixtures/pdf are data read from the source tree.
        .testTarget(name: "FountainTests", dependencies: ["Fountain"], exclude: ["Fixtures/fdx", "Fixtures/pdf"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference"], exclude: ["Fixtures", "Golden"]),
        // The real model behind the embedded backend, loaded once per test process.
        .target(name: "RealEngineSupport", dependencies: ["Backends", "Inference"], path: "Tests/RealEngineSupport"),
        .testTarget(
            name: "BackendsTests",
            dependencies: [
                "Backends",
                "Inference",
                "RealEngineSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "AssistantTests", dependencies: ["Assistant", "Backends", "Fountain", "Inference", "RealEngineSupport"]),
        // Cases/ holds editor cases (before, keys, after) read from the source tree.
        .testTarget(name: "EditorCoreTests", dependencies: ["EditorCore", "Fountain", "Provenance"], exclude: ["Cases"]),
        .testTarget(name: "IntercutCLITests", dependencies: ["Fountain", "Provenance"]),
        .testTarget(name: "ProvenanceTests", dependencies: ["Provenance", "Fountain"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "EditorCore"]),
        // The suggestion glue of the executable (editor ↔ coordinator) against a scripted backend.
        .testTarget(name: "SuggestionBridgeTests", dependencies: ["intercut", "Assistant", "Backends", "EditorCore"]),
    ]
)
