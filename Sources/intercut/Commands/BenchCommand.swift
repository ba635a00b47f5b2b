import ArgumentParser
import Foundation
import Inference

/// `intercut bench`: the engine's speed on this machine (see scripts/bench-vs-llamacpp
/// for the side-by-side run against llama.cpp).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure prefill, decode, batched decode, prefix-reuse latency and memory (e.g. intercut bench --json).")

    @Flag(help: "Print one JSON object (prefill_tok_s, decode_tok_s, decode3_tok_s, ttft_reuse_ms, peak_rss_mb).")
    var json = false

    @Option(help: "Compute threads (default: one per core).")
    var threads: Int?

    @Option(help: "Best of this many runs per figure.")
    var repeats = 2

    @Option(help: "GGUF model file (default: INTERCUT_MODEL, then the installed model).")
    var model: String?

    func run() throws {
        do {
            if let threads, threads < 1 { throw CommandFailure("--threads must be at least 1") }
            guard repeats >= 1 else { throw CommandFailure("--repeats must be at least 1") }
            let path = try ModelLocator.locate(explicitPath: model).path
            let engine = try InferenceEngine(modelPath: path, contextLength: 4096, threads: threads)
            let r = try engine.benchmark(repeats: repeats) { line in
                FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(r), as: UTF8.self))
            } else {
                print(String(format: "prefill (512 tokens)        %8.1f tok/s", r.prefillTokensPerSecond))
                print(String(format: "decode (1 sequence)         %8.1f tok/s", r.decodeTokensPerSecond))
                print(String(format: "decode (3 candidates, total)%8.1f tok/s", r.decode3TokensPerSecond))
                print(String(format: "TTFT after edit (reuse)     %8.1f ms", r.ttftReuseMilliseconds))
                print(String(format: "peak RSS                    %8.1f MiB", r.peakRSSMegabytes))
            }
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("intercut: error: \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("intercut: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
