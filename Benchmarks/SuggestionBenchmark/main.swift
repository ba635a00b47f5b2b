// `swift run -c release SuggestionBenchmark [FILE.fountain]`: prompt build
// time on a long script, and time to first token through the coordinator,
// cold and with prefix reuse after only the last line changed.
import Assistant
import Backends
import Foundation
import Fountain
import Inference
import Synchronization

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func milliseconds(_ d: Duration) -> Double {
    let c = d.components
    return (Double(c.seconds) + Double(c.attoseconds) / 1e18) * 1000
}

let path = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("--") } ?? "examples/generated/feature.fountain"
guard let data = FileManager.default.contents(atPath: path), var script = String(data: data, encoding: .utf8) else {
    FileHandle.standardError.write(Data("cannot read \(path) (run scripts/make-feature-script \(path))\n".utf8))
    exit(1)
}
while script.hasSuffix("\n\n") { script.removeLast() }
let modelPath = ModelLocator.resolve(explicitPath: nil).path
let backend = EmbeddedBackend(engine: try InferenceEngine(modelPath: modelPath))
let settings = SuggestionSettings()

func ask(_ text: String) -> SuggestionAsk {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return SuggestionAsk(script: text, cursorLine: lines.count - 1, cursorColumn: lines.last?.count ?? 0)
}

// MARK: Prompt build
let lineCount = script.split(separator: "\n", omittingEmptySubsequences: false).count
print("script: \(path), \(data.count) bytes, \(lineCount) lines")
for (name, budget) in [("exact (engine tokenizer)", TokenBudget(backend: backend)), ("estimated", TokenBudget.estimate)] {
    let builder = PromptBuilder(settings: settings, budget: budget)
    var times: [Double] = []
    var prompt: BuiltPrompt?
    let whole = ask(script)
    for _ in 0..<21 {
        let start = ContinuousClock.now
        prompt = builder.build(whole)
        times.append(milliseconds(.now - start))
    }
    print(String(format: "prompt build, %@: median %.2f ms (min %.2f), %d tokens, from line %d",
                 name, median(times), times.min()!, prompt!.tokenCount, prompt!.firstIncludedLine + 1))
}

// The peer inside prompt building: parsing the whole script once.
var parseTimes: [Double] = []
for _ in 0..<21 {
    let start = ContinuousClock.now
    _ = FountainDocument(parsing: script)
    parseTimes.append(milliseconds(.now - start))
}
print(String(format: "parse alone (same script, same run): median %.2f ms", median(parseTimes)))

if CommandLine.arguments.contains("--prompt-only") { exit(0) }

// MARK: Time to first token through the coordinator
/// Runs one request; returns ms to the first streamed token and to the first visible text.
func timeRequest(_ coordinator: SuggestionCoordinator, _ text: String) async -> (token: Double, visible: Double) {
    let firstToken = Mutex<Duration?>(nil)
    let firstText = Mutex<Duration?>(nil)
    let settled = Mutex(Set<Int>())
    let start = ContinuousClock.now
    _ = coordinator.request(ask(text)) { update in
        let now = ContinuousClock.now - start
        switch update {
        case .candidate(_, let index, let text, let state, _):
            if state != .queued { firstToken.withLock { $0 = $0 ?? now } }
            if !text.isEmpty { firstText.withLock { $0 = $0 ?? now } }
            if state.isFinal { _ = settled.withLock { $0.insert(index) } }
        case .dropped(_, let index, _): _ = settled.withLock { $0.insert(index) }
        case .failed: settled.withLock { $0 = [0, 1, 2] }
        }
    }
    // Let the request finish so the next one measures only its own work.
    while settled.withLock({ $0.count }) < 3 { try? await Task.sleep(for: .milliseconds(2)) }
    coordinator.stop()
    return (firstToken.withLock { $0.map(milliseconds) } ?? .nan, firstText.withLock { $0.map(milliseconds) } ?? .nan)
}

var noRegen = settings
noRegen.regenerateOnReject = false
noRegen.seed = 1
let coordinator = SuggestionCoordinator(backend: backend, settings: noRegen, log: nil)
var cold: [Double] = []
var warm: [Double] = []
var warmVisible: [Double] = []
let endings = ["She waits.", "He turns away.", "Nobody moves.", "The lights flicker.", "Rain on the glass.",
               "A gull cries.", "The radio hisses."]
for round in 0..<3 {
    // Cold: a different script head, nothing reusable.
    let coldResult = await timeRequest(coordinator, "Title: Round \(round)\n\n" + script)
    cold.append(coldResult.token)
    for ending in endings.shuffled().prefix(3) {
        let result = await timeRequest(coordinator, "Title: Round \(round)\n\n" + script + "\n\n" + ending)
        warm.append(result.token)
        warmVisible.append(result.visible)
    }
}
print(String(format: "first token, cold prompt: median %.0f ms over %d", median(cold), cold.count))
print(String(format: "first token, last line changed (prefix reuse): median %.0f ms (max %.0f) over %d; first visible text median %.0f ms",
             median(warm), warm.max()!, warm.count, median(warmVisible)))
print(String(format: "ratio cold / reuse: %.1fx", median(cold) / median(warm)))
