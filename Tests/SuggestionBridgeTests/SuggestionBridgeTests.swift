import Assistant
import Backends
import EditorCore
import Foundation
import Synchronization
import Testing
@testable import intercut

/// Stands in for the UI loop: posted work queues up, and `drain` runs it on
/// the test's thread with the editor, as the loop does between keys.
final class PostedWork: Sendable {
    private let items = Mutex<[@Sendable (Editor) -> Void]>([])

    func post(_ work: @escaping @Sendable (Editor) -> Void) {
        items.withLock { $0.append(work) }
    }

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

/// The editor, the bridge and a coordinator over a scripted backend, wired
/// as `intercut edit` wires them, with the test playing the UI loop.
final class BridgeHarness {
    let editor: Editor
    let posted = PostedWork()
    let bridge: SuggestionBridge
    let coordinator: SuggestionCoordinator
    let logURL: URL

    init(scripts: [ScriptedBackend.Script], regenerateOnReject: Bool = true, install: Bool = true) throws {
        let text = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\n"
        editor = Editor(document: Document(path: nil, text: text))
        editor.suggestionOptions = SuggestionOptions(count: 3, regenerateOnReject: regenerateOnReject)
        _ = editor.handle(.resize(width: 120, height: 40))
        _ = editor.handle(.key(.end, .control))
        let posted = posted
        bridge = SuggestionBridge(post: { posted.post($0) })
        logURL = URL(fileURLWithPath: NSTemporaryDirectory() + "intercut-bridge-\(UUID().uuidString)/feedback.jsonl")
        let settings = SuggestionSettings(count: 3, maxTokens: 64, stopAtBeat: false, regenerateOnReject: regenerateOnReject)
        coordinator = SuggestionCoordinator(backend: ScriptedBackend(scripts: scripts), settings: settings,
                                            log: try FeedbackLog(url: logURL))
        if install { bridge.install(coordinator) }
    }

    deinit { try? FileManager.default.removeItem(at: logURL.deletingLastPathComponent()) }

    func press(_ key: Key, _ modifiers: KeyModifiers = []) {
        for case .suggestion(let effect) in editor.handle(.key(key, modifiers)) { bridge.perform(effect) }
    }

    func type(_ text: String) {
        for character in text { press(.text(String(character))) }
    }

    /// Plays the UI loop until `condition` holds (fails the test after `timeout` seconds).
    /// Sleeps without blocking a thread: the scripted backend runs on the same pool.
    func run(until description: String, timeout: Double = 20, _ condition: (Editor) -> Bool,
             sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            posted.drain(into: editor)
            if condition(editor) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("timed out waiting for \(description); pane: \(editor.suggestionCandidates)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    struct TimedOut: Error {}

    /// The outcome records of the feedback log, as (index, outcome, part or final).
    func loggedOutcomes() throws -> [(index: Int, outcome: String, text: String?)] {
        let text = try String(contentsOf: logURL, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard object?["event"] as? String == "outcome" else { return nil }
            return (object?["index"] as? Int ?? -1, object?["outcome"] as? String ?? "",
                    (object?["part"] as? String) ?? (object?["final"] as? String))
        }
    }

    var screen: String {
        let frame = editor.render(width: 120, height: 40)
        return (0..<frame.grid.height).map { frame.grid.text(ofRow: $0) }.joined(separator: "\n")
    }
}

@Suite("Suggestion bridge", .serialized)
struct SuggestionBridgeTests {
    static func words(_ text: String, every interval: Duration = .milliseconds(15), ending: ScriptedBackend.Script.Ending = .finish(after: .zero)) -> ScriptedBackend.Script {
        let pieces = text.split(separator: " ", omittingEmptySubsequences: false).enumerated().map { $0.offset == 0 ? String($0.element) : " " + $0.element }
        return ScriptedBackend.Script(tokens: pieces, interval: interval, ending: ending)
    }

    static let lines = ["The alarm light blinks red.", "Marlowe turns the dial once more.", "Vera lowers the torch."]

    @Test func candidatesStreamInWhileTheWriterKeepsTyping() async throws {
        let harness = try BridgeHarness(scripts: Self.lines.map { Self.words($0, every: .milliseconds(25)) })
        harness.press(.ctrl(" "))
        var partialSeen = false
        var typed = ""
        try await harness.run(until: "three finished candidates") { editor in
            if editor.suggestionCandidates.contains(where: { $0.status == .streaming && !$0.text.isEmpty }) { partialSeen = true }
            if typed.count < 20 {
                harness.type("x")
                typed += "x"
            }
            return editor.suggestionCandidates.count == 3 && editor.suggestionCandidates.allSatisfy { $0.status == .done }
        }
        #expect(partialSeen, "text showed while still streaming")
        #expect(Set(harness.editor.suggestionCandidates.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }) == Set(Self.lines))
        #expect(harness.editor.text.hasSuffix(typed), "every typed character is in the buffer")
        #expect(!harness.editor.suggestionsAreStale)
    }

    @Test func stopEndsEveryCandidateAndNothingArrivesAfter() async throws {
        let harness = try BridgeHarness(scripts: [Self.words("On and on and on", ending: .hang)])
        harness.press(.ctrl(" "))
        try await harness.run(until: "text in every candidate") { editor in
            editor.suggestionCandidates.count == 3 && editor.suggestionCandidates.allSatisfy { $0.text.contains("on") }
        }
        harness.press(.function(6))
        try await harness.run(until: "all stopped") { $0.suggestionCandidates.allSatisfy { $0.status == .stopped } }
        let texts = harness.editor.suggestionCandidates.map(\.text)
        try await Task.sleep(for: .milliseconds(200))
        harness.posted.drain(into: harness.editor)
        #expect(harness.editor.suggestionCandidates.map(\.text) == texts, "no tokens after the stop")
        #expect(harness.editor.suggestionCandidates.allSatisfy { $0.status == .stopped })
    }

    @Test func stoppingTheFocusedCandidateLeavesTheOthersStreamingAndItsTextTakeable() async throws {
        let harness = try BridgeHarness(scripts: [Self.words("Vera counts the seconds under her breath.", every: .milliseconds(40)),
                                                  Self.words("On and on and on", every: .milliseconds(10), ending: .hang),
                                                  Self.words("The dial clicks twice, then a third time.", every: .milliseconds(40))])
        harness.press(.ctrl(" "))
        try await harness.run(until: "candidate 2 streaming") { $0.suggestionCandidates.count == 3 && $0.suggestionCandidates[1].text.contains("and") }
        harness.press(.ctrl("n"))
        #expect(harness.editor.focusedSuggestion == 1)
        harness.press(.function(6), .shift)
        #expect(harness.editor.suggestionCandidates[1].status == .stopped)
        #expect(harness.screen.contains("Suggestion 2 stopped; the others go on"))
        try await harness.run(until: "the others finish") { editor in
            editor.suggestionCandidates.count == 3 && [0, 2].allSatisfy { editor.suggestionCandidates[$0].status == .done }
        }
        #expect(harness.editor.suggestionCandidates[1].status == .stopped)
        let stoppedText = harness.editor.suggestionCandidates[1].text
        try await Task.sleep(for: .milliseconds(100))
        harness.posted.drain(into: harness.editor)
        #expect(harness.editor.suggestionCandidates[1].text == stoppedText, "no tokens after the stop")
        #expect(harness.screen.contains("stopped"))
        // Its text so far can still be taken.
        harness.press(.ctrl("t"))
        #expect(harness.editor.text.hasSuffix(stoppedText.trimmingCharacters(in: .whitespacesAndNewlines)))
        harness.bridge.finish(harness.editor.finishSuggestions())
        let records = try String(contentsOf: harness.logURL, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let candidate = records.first { $0["event"] as? String == "candidate" && $0["index"] as? Int == 1 }
        #expect(candidate?["finish"] as? String == "stopped")
        #expect(candidate?["stopped_alone"] as? Bool == true)
        #expect(try harness.loggedOutcomes().first { $0.index == 1 }?.outcome == "accepted")
    }

    @Test func editingAboveTheRequestPointStopsGeneration() async throws {
        let harness = try BridgeHarness(scripts: [Self.words("Slowly the door opens", ending: .hang)])
        harness.press(.ctrl(" "))
        try await harness.run(until: "streaming") { $0.suggestionCandidates.contains { $0.status == .streaming } }
        harness.press(.home, .control)
        harness.type("FADE IN: ")
        #expect(harness.editor.suggestionsAreStale)
        try await harness.run(until: "generation stopped") { $0.suggestionCandidates.allSatisfy { $0.status.isStopped } }
        #expect(harness.editor.text.hasPrefix("FADE IN: INT. VAULT"))
    }

    @Test func everyDecisionIsLoggedAndTheRateShows() async throws {
        let harness = try BridgeHarness(scripts: Self.lines.map { Self.words($0) }, regenerateOnReject: false)
        harness.press(.ctrl(" "))
        try await harness.run(until: "three finished candidates") {
            $0.suggestionCandidates.count == 3 && $0.suggestionCandidates.allSatisfy { $0.status == .done }
        }
        let texts = harness.editor.suggestionCandidates.map(\.text)
        // Part of the first, an edited second, a rejected third.
        harness.press(.function(4))
        harness.press(.ctrl("n"))
        harness.press(.ctrl("e"))
        harness.type(" Again.")
        harness.press(.ctrl("e"))
        harness.press(.function(7))
        harness.bridge.finish(harness.editor.finishSuggestions())
        try await harness.run(until: "the acceptance rate") { _ in harness.screen.contains("% kept") }
        // A partial take is logged at once and again when the request
        // closes; the last record of a candidate is its decision.
        let outcomes = try harness.loggedOutcomes().reduce(into: [Int: (index: Int, outcome: String, text: String?)]()) { $0[$1.index] = $1 }
            .values.sorted { $0.index < $1.index }
        #expect(outcomes.map(\.outcome) == ["accepted_part", "edited", "rejected"])
        let firstWord = String(texts[0].drop { $0.isWhitespace }.prefix { !$0.isWhitespace })
        #expect(outcomes.first?.text?.contains(firstWord) == true)
        #expect(outcomes.dropFirst().first?.text == texts[1] + " Again.")
        #expect(harness.coordinator.acceptanceRate.map { abs($0 - 2.0 / 3.0) < 0.001 } == true)
    }

    @Test func aRejectedSlotRegenerates() async throws {
        let harness = try BridgeHarness(scripts: Self.lines.map { Self.words($0) })
        harness.press(.ctrl(" "))
        try await harness.run(until: "done") { $0.suggestionCandidates.count == 3 && $0.suggestionCandidates.allSatisfy { $0.status == .done } }
        harness.press(.ctrl("n"))
        harness.press(.function(7))
        #expect(harness.editor.suggestionCandidates[1].status == .queued)
        // The scripted backend plays the same script again, which the
        // coordinator drops as a duplicate: the log shows the new attempts.
        try await harness.run(until: "slot 2 generated again") { _ in
            ((try? String(contentsOf: harness.logURL, encoding: .utf8)) ?? "").split(separator: "\n").contains { line in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["event"] as? String == "candidate" && object?["index"] as? Int == 1 && (object?["attempt"] as? Int ?? 0) >= 1
            }
        }
        #expect(try harness.loggedOutcomes().map(\.outcome) == ["rejected"])
    }

    @Test func aRequestMadeWhileTheModelLoadsStartsWhenItIsReady() async throws {
        let harness = try BridgeHarness(scripts: [Self.words("Vera lowers the torch.")], install: false)
        harness.press(.ctrl(" "))
        harness.posted.drain(into: harness.editor)
        #expect(harness.editor.suggestionCandidates.allSatisfy { $0.status == .queued })
        harness.bridge.install(harness.coordinator)
        try await harness.run(until: "the waiting request ran") { $0.suggestionCandidates.contains { $0.status == .done } }
    }

    @Test func aCandidateStoppedWhileTheModelLoadsIsNeverGenerated() async throws {
        let harness = try BridgeHarness(scripts: Self.lines.map { Self.words($0) }, install: false)
        harness.press(.ctrl(" "))
        harness.press(.ctrl("n"))
        harness.press(.function(6), .shift)
        harness.posted.drain(into: harness.editor)
        harness.bridge.install(harness.coordinator)
        try await harness.run(until: "the other two done") { editor in
            [0, 2].allSatisfy { index in editor.suggestionCandidates.contains { $0.index == index && $0.status == .done } }
        }
        try await Task.sleep(for: .milliseconds(100))
        harness.posted.drain(into: harness.editor)
        let stopped = harness.editor.suggestionCandidates.first { $0.index == 1 }
        #expect(stopped?.status == .stopped)
        #expect(stopped?.text.isEmpty == true, "no text was generated for it")
    }

    @Test func noBackendSaysWhyAndEditingGoesOn() async throws {
        let harness = try BridgeHarness(scripts: [Self.words("x")], install: false)
        harness.press(.ctrl(" "))
        harness.bridge.markUnavailable("No model for suggestions: run `intercut model install`")
        // The request pressed before the backend gave up ends as failed, whether
        // it was waiting for the model or reached the bridge after the verdict.
        try await harness.run(until: "the reason shows and nothing stays queued") { editor in
            harness.screen.contains("intercut model install") && editor.suggestionCandidates.allSatisfy { $0.status != .queued }
        }
        harness.type("Vera runs.")
        #expect(harness.editor.text.hasSuffix("Vera runs."))
        harness.press(.ctrl(" "))
        #expect(harness.editor.suggestionCandidates.isEmpty || harness.editor.suggestionCandidates.allSatisfy { $0.status != .queued })
    }

    @Test func afterSaveAsDecisionsGoToTheNewScriptsLogWithItsHistory() async throws {
        let folder = NSTemporaryDirectory() + "intercut-saveas-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = folder + "/draft.fountain", renamed = folder + "/heist.fountain", other = folder + "/other.fountain"
        let editor = Editor(document: Document(path: first, text: "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n\n"))
        _ = editor.handle(.resize(width: 120, height: 40))
        _ = editor.handle(.key(.end, .control))
        let posted = PostedWork()
        let bridge = SuggestionBridge(post: { posted.post($0) })
        let coordinator = SuggestionCoordinator(backend: ScriptedBackend(scripts: Self.lines.map { Self.words($0) }),
                                                settings: SuggestionSettings(count: 3, regenerateOnReject: false),
                                                log: try FeedbackLog(script: first))
        func apply(_ effects: [EditorEffect]) { for case .suggestion(let effect) in effects { bridge.perform(effect) } }
        func outcomes(_ script: String) throws -> [String] {
            let text = (try? String(contentsOf: FeedbackLocation.log(forScript: script), encoding: .utf8)) ?? ""
            return try text.split(separator: "\n").compactMap {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.filter { $0["event"] as? String == "outcome" }.map { "\($0["index"] as? Int ?? -1) \($0["outcome"] as? String ?? "")" }
        }
        bridge.install(coordinator)
        func waitDone() async throws {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !(editor.suggestionCandidates.count == 3 && editor.suggestionCandidates.allSatisfy { $0.status == .done }) {
                posted.drain(into: editor)
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        apply(editor.handle(.key(.ctrl(" "))))
        try await waitDone()
        apply(editor.handle(.key(.function(7))))          // reject 1 under the first name
        apply(editor.didSave(path: renamed))              // Save As
        apply(editor.handle(.key(.ctrl("n"))))
        apply(editor.handle(.key(.ctrl("t"))))            // take 2 (3 is ignored) under the new name
        // Another script: later records go to its log, none of the renamed one's.
        _ = FileManager.default.createFile(atPath: other, contents: Data("FADE IN:\n".utf8))
        let files = FileSession(editor: editor, journalDirectory: folder + "/journal")
        apply(files.perform(.open(path: other), editor: editor) ?? [])
        // (The first rejected line is now filtered for the session: wait for one finished candidate.)
        apply(editor.handle(.key(.ctrl(" "))))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !editor.suggestionCandidates.contains(where: { $0.status == .done }) {
            posted.drain(into: editor)
            try await Task.sleep(for: .milliseconds(5))
        }
        if editor.suggestionCandidates.first(where: { $0.index == editor.focusedSuggestion })?.status != .done {
            apply(editor.handle(.key(.ctrl("n"))))
        }
        apply(editor.handle(.key(.function(7))))
        bridge.finish(editor.finishSuggestions())
        #expect(try outcomes(first) == ["0 rejected"], "the old log stays as it was")
        #expect(try outcomes(renamed) == ["0 rejected", "1 accepted", "2 ignored"], "its history came along")
        let renamedLog = try String(contentsOf: FeedbackLocation.log(forScript: renamed), encoding: .utf8)
        #expect(renamedLog.components(separatedBy: "\"event\":\"request\"").count == 2, "one request: the other script's is not here")
        let otherOutcomes = try outcomes(other)
        #expect(otherOutcomes.contains { $0.hasSuffix("rejected") }, "\(otherOutcomes)")
        let otherLog = try String(contentsOf: FeedbackLocation.log(forScript: other), encoding: .utf8)
        #expect(otherLog.components(separatedBy: "\"event\":\"request\"").count == 2, "only the other script's request")

        // A move made while the model loads applies when it is in.
        let waiting = SuggestionBridge(post: { posted.post($0) })
        waiting.perform(.scriptPath(renamed, savedAs: true))
        waiting.perform(.scriptPath(other, savedAs: false))
        let late = SuggestionCoordinator(backend: ScriptedBackend(scripts: [Self.words("x")]), settings: SuggestionSettings(),
                                         log: try FeedbackLog(script: first))
        waiting.finish([])                                 // waits for the bridge's queue to carry out both
        waiting.install(late)
        waiting.finish([])                                 // and for the install
        #expect(late.logURL == FeedbackLocation.log(forScript: other))
    }

    @Test func aFailingBackendShowsTheError() async throws {
        let harness = try BridgeHarness(scripts: [ScriptedBackend.Script(tokens: [], ending: .fail("server hung up", after: .zero))])
        harness.press(.ctrl(" "))
        try await harness.run(until: "the failure") { _ in harness.screen.contains("server hung up") }
    }
}

extension PaneCandidate.Status {
    var isStopped: Bool { self == .stopped }
}
