import ArgumentParser
import Assistant
import Backends
import EditorCore
import Foundation
import Inference
import Synchronization

/// `intercut bench-suggestions [FILE]`: the suggestion loop's speed with the
/// embedded model, in-process, through the same editor, bridge and
/// coordinator as the editor (no terminal):
/// - request key to first visible token, when only the last line changed
///   since the previous request (the engine's prefix reuse);
/// - keystroke-to-frame work (key + posted updates + render) while three
///   candidates stream, beside the same keystrokes with nothing streaming.
struct SuggestionBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-suggestions",
        abstract: "Measure request-to-first-token and keystroke cost while suggestions stream (e.g. intercut bench-suggestions).")

    @Argument(help: "A Fountain script (default: a generated one of about 100 pages).")
    var file: String?

    @Option(help: "Requests to time.")
    var requests = 8

    @Option(help: "GGUF model file (default: INTERCUT_MODEL, then the installed model).")
    var model: String?

    func run() throws {
        do {
            try measure()
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("intercut: error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func measure() throws {
        guard requests >= 1 else { throw CommandFailure("--requests must be at least 1") }
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = BenchScript.generate(scenes: 172)
        }
        let modelPath: String
        do { modelPath = try ModelLocator.locate(explicitPath: model).path } catch { throw CommandFailure("\(error)") }
        let editor = Editor(document: Document(path: nil, text: text))
        _ = editor.handle(.resize(width: 140, height: 45))
        _ = editor.handle(.key(.end, .control))
        let posted = BenchQueue()
        let bridge = SuggestionBridge(post: { posted.post($0) })
        let backend: EmbeddedBackend
        do { backend = try EmbeddedBackend(engine: InferenceEngine(modelPath: modelPath)) } catch { throw CommandFailure("\(error)") }
        let settings = SuggestionSettings(count: 3, maxTokens: 24)
        bridge.install(SuggestionCoordinator(backend: backend, settings: settings, log: nil))
        posted.drain(into: editor)
        print("script: \(editor.statusPageCount) pages, \(text.utf8.count) bytes; model \(modelPath)")

        func press(_ key: Key, _ modifiers: KeyModifiers = []) {
            for case .suggestion(let effect) in editor.handle(.key(key, modifiers)) { bridge.perform(effect) }
        }
        func waitUntil(_ condition: (Editor) -> Bool) {
            while true {
                posted.drain(into: editor)
                if condition(editor) { return }
                usleep(200)
            }
        }
        let allFinal: (Editor) -> Bool = { $0.suggestionCandidates.allSatisfy { $0.status != .queued && $0.status != .streaming } }

        // Warm up: the first request evaluates the whole prompt.
        press(.ctrl(" "))
        waitUntil(allFinal)
        var firstToken: [Double] = []
        var keyWork: [Double] = []
        for round in 0..<requests {
            // Only the last line changes between requests.
            for character in "x\(round) " { press(.text(String(character))) }
            let start = DispatchTime.now().uptimeNanoseconds
            press(.ctrl(" "))
            keyWork.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            waitUntil { $0.suggestionCandidates.contains { !$0.text.isEmpty } }
            _ = editor.render(width: 140, height: 45)
            firstToken.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            press(.function(6))
            waitUntil(allFinal)
        }
        print(String(format: "request key → first visible token  median %6.1f ms  min %6.1f  max %6.1f  (n=%d)",
                     Self.percentile(firstToken, 0.5), firstToken.min() ?? 0, firstToken.max() ?? 0, firstToken.count))
        print(String(format: "  of which the request key's own work on the UI thread  median %6.2f ms  max %6.2f",
                     Self.percentile(keyWork, 0.5), keyWork.max() ?? 0))

        // Keystrokes with nothing streaming, then while three candidates stream.
        let quiet = typeAndTime(editor: editor, bridge: bridge, posted: posted, count: 300, keepStreaming: false)
        let streaming = typeAndTime(editor: editor, bridge: bridge, posted: posted, count: 300, keepStreaming: true)
        Self.report("keystroke→frame, idle", quiet)
        Self.report("keystroke→frame, 3 streaming", streaming)
        print(String(format: "ratio streaming/idle (cpu median)   %.2f", Self.percentile(streaming.cpu, 0.5) / max(0.001, Self.percentile(quiet.cpu, 0.5))))
        press(.function(6))
    }

    struct Timings {
        var wall: [Double] = []
        var cpu: [Double] = []
        var updates = 0
    }

    /// Types `count` characters, one per ~8 ms (a fast typist), timing each
    /// key's work: the posted updates since the last key, the key, the frame.
    /// With `keepStreaming`, a new request starts whenever the last one ended,
    /// so three candidates are streaming nearly all the time.
    private func typeAndTime(editor: Editor, bridge: SuggestionBridge, posted: BenchQueue, count: Int, keepStreaming: Bool) -> Timings {
        var timings = Timings()
        let sentence = Array("Vera checks the corridor and waits for the guard to pass. ")
        for i in 0..<count {
            if keepStreaming, !editor.suggestionCandidates.contains(where: { $0.status == .streaming || $0.status == .queued }) {
                for case .suggestion(let effect) in editor.handle(.key(.ctrl(" "))) { bridge.perform(effect) }
            }
            usleep(8_000)
            let c0 = Self.cpuNow()
            let t0 = DispatchTime.now().uptimeNanoseconds
            timings.updates += posted.drain(into: editor)
            for case .suggestion(let effect) in editor.handle(.key(.text(String(sentence[i % sentence.count])))) { bridge.perform(effect) }
            _ = editor.render(width: 140, height: 45)
            timings.wall.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            timings.cpu.append(Double(Self.cpuNow() - c0) / 1000)
        }
        return timings
    }

    static func cpuNow() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    static func report(_ name: String, _ t: Timings) {
        print(String(format: "%-34@ wall median %6.1f µs p99 %7.1f µs | cpu median %6.1f µs p99 %7.1f µs (%d updates applied)",
                     name as NSString, percentile(t.wall, 0.5), percentile(t.wall, 0.99), percentile(t.cpu, 0.5),
                     percentile(t.cpu, 0.99), t.updates))
    }
}

/// The benchmark's stand-in for the UI loop's queue.
final class BenchQueue: Sendable {
    private let items = Mutex<[@Sendable (Editor) -> Void]>([])

    func post(_ work: @escaping @Sendable (Editor) -> Void) { items.withLock { $0.append(work) } }

    @discardableResult
    func drain(into editor: Editor) -> Int {
        let taken = items.withLock { items in
            defer { items.removeAll() }
            return items
        }
        taken.forEach { $0(editor) }
        return taken.count
    }
}

/// A deterministic feature-length screenplay for benchmarks.
enum BenchScript {
    static func generate(scenes: Int) -> String {
        var out = "Title: Benchmark Feature\nCredit: written by\nAuthor: intercut bench-suggestions\n\n"
        let cast = ["MARLOWE", "VERA", "DUNCAN", "IRIS", "TOMAS", "MAGGIE"]
        let places = ["VAULT", "ROOFTOP", "HARBOUR OFFICE", "FERRY DECK", "PUB", "LIGHTHOUSE", "VAN"]
        let words = "the torch light dial alarm door slowly she he turns looks waits listens breathes cold wind salt water glass".split(separator: " ")
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func sentence(_ count: Int) -> String {
            let s = (0..<count).map { _ in String(words[next(words.count)]) }.joined(separator: " ")
            return s.prefix(1).uppercased() + s.dropFirst() + "."
        }
        for _ in 1...scenes {
            out += "\(next(2) == 0 ? "INT." : "EXT.") \(places[next(places.count)]) - \(next(2) == 0 ? "DAY" : "NIGHT")\n\n"
            out += (0..<(2 + next(3))).map { _ in sentence(8 + next(10)) }.joined(separator: " ") + "\n\n"
            for _ in 0..<(3 + next(4)) {
                out += cast[next(cast.count)] + "\n" + (0..<(1 + next(3))).map { _ in sentence(5 + next(8)) }.joined(separator: " ") + "\n\n"
            }
        }
        return out + "Marlowe looks at the dial. "
    }
}
