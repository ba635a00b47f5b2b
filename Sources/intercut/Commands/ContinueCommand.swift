import ArgumentParser
import Assistant
import Backends
import Foundation
import Inference

/// `intercut continue FILE`: streams N continuations of a script to stdout,
/// from the embedded engine or, with `--backend`/config, a remote server.
struct ContinueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "continue",
        abstract: "Stream continuations of a script to stdout (e.g. intercut continue script.fountain --n 3).",
        discussion: """
            With --json, one object per line: {"index":i,"delta":"…"} while streaming and \
            {"index":i,"done":true,"text":"…","finish_reason":"stop|length|eos"} when a candidate ends.
            """)

    @Argument(help: "The Fountain (or any UTF-8 text) file to continue.")
    var file: String

    @Flag(help: ArgumentHelp(
        "Use the file's text verbatim as the prompt (BOS + text).",
        discussion: "Without it the prompt is built as the editor builds it: title page, the nearest scenes that fit 2048 tokens, the cast, the current scene up to --at or the end."))
    var raw = false

    @Option(name: .customLong("n"), help: "Number of candidates (1-16), decoded together.")
    var candidates = 3

    @Option(name: .customLong("max-tokens"), help: "Tokens per candidate at most.")
    var maxTokens = 120

    @Option(help: "Sampling temperature; 0 is greedy (default 0.8, or the backend's config).")
    var temperature: Float?

    @Option(name: .customLong("top-k"), help: "Keep the k most likely tokens; 0 = all (default 40).")
    var topK: Int?

    @Option(name: .customLong("top-p"), help: "Nucleus sampling threshold; 1 = off (default 0.95).")
    var topP: Float?

    @Option(name: .customLong("min-p"), help: "Drop tokens below this fraction of the top probability (default 0.05).")
    var minP: Float?

    @Option(name: .customLong("repeat-penalty"), help: "Repetition penalty over the last 64 tokens; 1 = off (default).")
    var repeatPenalty: Float?

    @Option(help: "Random seed; the same seed gives the same output.")
    var seed: UInt64?

    @Option(name: .customLong("at"), help: "Continue after this line (1-based) instead of the end.")
    var line: Int?

    @Option(name: .customLong("stop"), help: "Stop a candidate before this text (repeatable).")
    var stops: [String] = []

    @Option(help: "Compute threads (default: one per core).")
    var threads: Int?

    @Flag(help: "Emit JSON lines.")
    var json = false

    @Option(help: "GGUF model file (default: INTERCUT_MODEL, then the installed model).")
    var model: String?

    @OptionGroup var backendOptions: BackendOptions

    func run() async throws {
        do {
            try await generate()
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("intercut: error: \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch is CancellationError {
            throw ExitCode(130)
        } catch {
            FileHandle.standardError.write(Data("intercut: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func generate() async throws {
        guard (1...16).contains(candidates) else { throw CommandFailure("--n must be between 1 and 16") }
        guard maxTokens >= 1 else { throw CommandFailure("--max-tokens must be at least 1") }
        let script = try ScriptPrompt.load(path: file, raw: raw, line: line)
        let selected: BackendConfiguration
        do {
            selected = try backendOptions.resolve()
        } catch {
            throw CommandFailure(error.message)
        }
        if selected.kind != .embedded {
            return try await generateRemotely(selected, prompt: raw ? script : structuredPrompt(script, budget: .estimate))
        }
        let modelPath = try ModelLocator.locate(explicitPath: model).path
        if let threads, threads < 1 { throw CommandFailure("--threads must be at least 1") }
        let engine = try InferenceEngine(modelPath: modelPath, threads: threads)
        let prompt = raw ? script : structuredPrompt(script, budget: TokenBudget(backend: EmbeddedBackend(engine: engine)))
        let sampling = SamplingParameters(temperature: temperature ?? 0.8, topK: topK ?? 40, topP: topP ?? 0.95,
                                          minP: minP ?? 0.05, repetitionPenalty: repeatPenalty ?? 1.0,
                                          seed: seed ?? UInt64.random(in: 0...UInt64.max))
        let request = GenerationRequest(prompt: prompt, candidates: candidates, maxTokens: maxTokens,
                                        sampling: sampling, stopStrings: stops, keepsPromptEnd: !raw)
        for try await event in engine.generate(request) {
            switch event {
            case .delta(let i, let text): emitDelta(i, text)
            case .finished(let i, let text, let reason): emitDone(i, text, reason.rawValue)
            }
        }
    }

    /// The same output from a remote server through the Backends protocol. A
    /// candidate that fails ends the command with its one-line message.
    private func generateRemotely(_ selected: BackendConfiguration, prompt: String) async throws {
        let backend: RemoteBackend
        do {
            backend = try selected.makeRemoteBackend()
        } catch {
            throw CommandFailure("\(error)")
        }
        await PrivacyNotice.showOnce(for: backend.endpoint)
        var request = selected.request(prompt: prompt, candidateCount: candidates)
        if let temperature { request.sampling.temperature = Double(temperature) }
        if let topK { request.sampling.topK = topK }
        if let topP { request.sampling.topP = Double(topP) }
        if let minP { request.sampling.minP = Double(minP) }
        if let repeatPenalty { request.sampling.repeatPenalty = Double(repeatPenalty) }
        if let seed { request.sampling.seed = Int(truncatingIfNeeded: seed) }
        request.stop.maxTokens = maxTokens
        request.stop.sequences += stops
        var texts = Array(repeating: "", count: candidates)
        var failure: String?
        for await event in backend.continuations(of: request) {
            let i = event.candidate
            switch event.kind {
            case .text(let text):
                texts[i] += text
                emitDelta(i, text)
            case .state(.done(let reason)):
                // The documented finish reasons are stop|length|eos: a time limit is a length limit.
                emitDone(i, texts[i], reason == .stop ? "stop" : "length")
            case .state(.stopped):
                emitDone(i, texts[i], "stop")
            case .state(.failed(let message)):
                failure = failure ?? (candidates > 1 ? "candidate \(i + 1): \(message)" : message)
            case .state, .progress:
                break
            }
        }
        if let failure { throw CommandFailure(failure) }
    }

    /// The prompt the editor would send with the cursor at the end of `script`.
    private func structuredPrompt(_ script: String, budget: TokenBudget) -> String {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let settings = SuggestionSettings(count: candidates, maxTokens: maxTokens)
        let ask = SuggestionAsk(script: script, cursorLine: lines.count - 1, cursorColumn: lines.last?.count ?? 0,
                                count: candidates)
        return PromptBuilder(settings: settings, budget: budget).build(ask).text
    }

    private func emitDelta(_ i: Int, _ text: String) {
        if json {
            FileHandle.standardOutput.write(Data("{\"index\":\(i),\"delta\":\(JSONText.quote(text))}\n".utf8))
        } else if candidates == 1 {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func emitDone(_ i: Int, _ text: String, _ reason: String) {
        let out = FileHandle.standardOutput
        if json {
            out.write(Data("{\"index\":\(i),\"done\":true,\"text\":\(JSONText.quote(text)),\"finish_reason\":\"\(reason)\"}\n".utf8))
        } else if candidates == 1 {
            out.write(Data("\n".utf8))
        } else {
            out.write(Data("── candidate \(i + 1) (\(reason)) ──\n\(text)\n\n".utf8))
        }
    }
}

/// A user-facing failure: printed as one line, exit status 1.
struct CommandFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The prompt `continue` sends, from a script file.
enum ScriptPrompt {
    /// Reads `path` (UTF-8 text). Raw: the bytes verbatim. Otherwise line
    /// endings become LF, a BOM is dropped, and with `line` the text stops
    /// after that line.
    static func load(path: String, raw: Bool, line: Int?) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure("\(path) is a directory")
            }
            throw CommandFailure("cannot read \(path)")
        }
        guard !data.contains(0) else { throw CommandFailure("\(path) looks binary (contains NUL bytes)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(path) is not valid UTF-8")
        }
        if raw {
            guard line == nil else { throw CommandFailure("--at cannot be combined with --raw") }
            guard !text.isEmpty else { throw CommandFailure("\(path) is empty") }
            return text
        }
        var body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if let line {
            var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            guard line >= 1, line <= lines.count else {
                throw CommandFailure("--at \(line) is outside the file (1...\(lines.count))")
            }
            body = lines[0..<line].joined(separator: "\n") + "\n"
        }
        guard !body.isEmpty else { throw CommandFailure("\(path) is empty") }
        return body
    }
}
