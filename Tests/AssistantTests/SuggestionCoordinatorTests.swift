import Foundation
import Synchronization
import Testing
@testable import Assistant
import Backends

/// The candidate lifecycle with a scripted backend (timing and faults); the
/// same lifecycle with the real engine is in EmbeddedSessionTests.
@Suite struct SuggestionCoordinatorTests {
    static let script = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n\nVERA\nHurry.\n\n"
    static let ask = SuggestionAsk(script: script, cursorLine: 7, cursorColumn: 0)

    private func backend(_ texts: [[String]], interval: Duration = .milliseconds(1),
                         ending: ScriptedBackend.Script.Ending = .finish(after: .zero)) -> ScriptedBackend {
        ScriptedBackend(scripts: texts.map { ScriptedBackend.Script(tokens: $0, interval: interval, ending: ending) })
    }

    private func temporaryLog() throws -> FeedbackLog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-tests-\(UUID().uuidString)")
        return try FeedbackLog(url: dir.appendingPathComponent("feedback.jsonl"))
    }

    @Test func candidatesStreamTrimmedToTheBeatAndEndDone() async {
        let scripted = backend([["MAR", "LOWE\n", "Two more", " turns.", "\n\n", "VERA\nGo."],
                                ["The alarm", " blinks red.", "\n\n", "INT. CAR"],
                                ["vera\n", "We're out of time.\n\n"]])
        let coordinator = SuggestionCoordinator(backend: scripted, settings: SuggestionSettings(), log: nil)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { _ in updates.settled(id, count: 3) })
        #expect(updates.last(id, 0)?.text == "MARLOWE\nTwo more turns.")
        #expect(updates.last(id, 1)?.text == "The alarm blinks red.")
        #expect(updates.last(id, 2)?.text == "VERA\nWe're out of time.")
        for index in 0..<3 { #expect(updates.last(id, index)?.state == .done(.stop)) }
        // Text grows: every update of a candidate extends or trims what came before, never jumps elsewhere.
        let streamed = updates.all.compactMap { update -> String? in
            if case .candidate(id, 0, let text, .streaming, _) = update { return text }
            return nil
        }
        #expect(streamed.contains("MARLOWE\nTwo more"))
    }

    @Test func duplicatesAreDropped() async {
        let same = ["VERA\n", "Hurry up.\n\n"]
        let scripted = backend([same, ["VERA\n", "hurry, UP\n\n"], ["The dial turns.\n\n"]])
        var settings = SuggestionSettings()
        settings.regenerateOnReject = false
        let coordinator = SuggestionCoordinator(backend: scripted, settings: settings, log: nil)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { _ in updates.settled(id, count: 3) })
        let dropped = updates.dropped(id)
        #expect(dropped.count == 1)
        #expect(dropped.first?.reason.hasPrefix("duplicate of candidate") == true)
    }

    @Test func aRejectedLineIsNeverOfferedAgainAndItsSlotIsRefilled() async throws {
        // Candidate 0 plays a line the writer rejects; a refill plays script 0 again (candidate 0 of a 1-run).
        let scripted = backend([["VERA\n", "I never touched the money.\n\n"], ["The dial clicks.\n\n"]])
        let log = try temporaryLog()
        let coordinator = SuggestionCoordinator(backend: scripted, settings: SuggestionSettings(count: 2), log: log)
        let first = UpdateCollector()
        let id1 = coordinator.request(SuggestionAsk(script: Self.script, cursorLine: 7, cursorColumn: 0, count: 2),
                                      update: first.handler)
        #expect(await first.wait { _ in first.settled(id1, count: 2) })
        #expect(first.last(id1, 0)?.text == "VERA\nI never touched the money.")
        coordinator.record(request: id1, index: 0, outcome: .rejected)
        coordinator.regenerate(request: id1, index: 0, update: first.handler)
        // The regenerated slot repeats the rejected line: dropped, refilled (twice), dropped.
        #expect(await first.wait { updates in
            updates.filter { if case .dropped(id1, 0, _) = $0 { true } else { false } }.count == 3
        })
        #expect(first.dropped(id1).allSatisfy { $0.reason == "repeats a rejected line" })

        let second = UpdateCollector()
        let id2 = coordinator.request(SuggestionAsk(script: Self.script, cursorLine: 7, cursorColumn: 0, count: 2),
                                      update: second.handler)
        #expect(await second.wait { _ in second.settled(id2, count: 2) && second.dropped(id2).count >= 3 })
        let offered = second.all.compactMap { update -> String? in
            if case .candidate(id2, _, let text, .done, _) = update { return text }
            return nil
        }
        #expect(!offered.contains { $0.contains("I never touched the money") })
        #expect(offered.contains("The dial clicks."))
        coordinator.close()
        log.synchronize()
        let reader = try FeedbackReader(contentsOf: log.url)
        #expect(reader.skippedLines == 0)
        let outcomes = reader.records.filter { $0.event == .outcome }.map { $0.outcome ?? "" }
        #expect(outcomes.first == "rejected")
        #expect(outcomes.contains("ignored"), "the candidate of request 1 nobody decided on")
        // The log exports: the rejected candidate is a negative KTO example for request 1's prompt.
        let kto = PreferenceExport.lines(reader, format: .kto)
        #expect(kto.count == 1)
        #expect(kto.first?.contains("\"completion\":\"VERA\\nI never touched the money.\"") == true)
        #expect(kto.first?.contains("\"label\":false") == true)
        #expect(kto.first?.contains("\"prompt\":\"[[Cast: VERA]]\\n\\nINT. VAULT - NIGHT") == true)
    }

    @Test func acceptanceRateCountsDecisionsNotIgnoredCandidates() async {
        let scripted = backend([["One line here.\n\n"], ["Another line there.\n\n"], ["A third line now.\n\n"]])
        let coordinator = SuggestionCoordinator(backend: scripted, settings: SuggestionSettings(), log: nil)
        let updates = UpdateCollector()
        #expect(coordinator.acceptanceRate == nil)
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { _ in updates.settled(id, count: 3) })
        coordinator.record(request: id, index: 0, outcome: .acceptedPart("One"))
        coordinator.record(request: id, index: 1, outcome: .rejected)
        #expect(coordinator.acceptanceRate == 0.5)
        coordinator.record(request: id, index: 2, outcome: .edited(final: "A third line, rewritten."))
        #expect(coordinator.acceptanceRate == 2.0 / 3.0)
    }

    @Test func stopEndsStreamingCandidatesAsStoppedAndANewRequestSupersedes() async {
        let hanging = backend([["Vera", " waits"]], interval: .milliseconds(1), ending: .hang)
        let coordinator = SuggestionCoordinator(backend: hanging, settings: SuggestionSettings(), log: nil)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { _ in updates.last(id, 2)?.text == "Vera waits" })
        coordinator.stop()
        for index in 0..<3 { #expect(updates.last(id, index)?.state == .stopped) }
        let count = updates.all.count
        try? await Task.sleep(for: .milliseconds(50))
        #expect(updates.all.count == count, "nothing arrives after stop")

        let next = coordinator.request(Self.ask, update: updates.handler)
        #expect(next == id + 1)
        #expect(await updates.wait { _ in updates.last(next, 0)?.text == "Vera waits" })
        _ = coordinator.request(Self.ask, update: updates.handler)
        #expect(updates.last(next, 0)?.state == .stopped)
        coordinator.stop()
    }

    @Test func aRequestThatCannotStartFailsAsAWhole() async {
        let failing = backend([[]], ending: .fail("connection refused", after: .zero))
        let coordinator = SuggestionCoordinator(backend: failing, settings: SuggestionSettings(), log: nil)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { $0.contains(.failed(request: id, message: "connection refused")) })
        #expect(updates.last(id, 0)?.state == .failed("connection refused"))
    }
}

/// Stopping one candidate: the coordinator's side (pane updates, log, the
/// backend told to stop exactly that candidate) with a scripted backend.
@Suite struct SuggestionStopOneTests {
    static let ask = SuggestionCoordinatorTests.ask

    /// Forwards to a scripted backend and records which candidates of which
    /// run the coordinator stopped through the stream.
    final class StopRecorder: ContinuationBackend {
        let inner: ScriptedBackend
        private let stops = Mutex<[(run: Int, candidate: Int)]>([])
        private let runs = Mutex(0)
        init(_ inner: ScriptedBackend) { self.inner = inner }
        var displayName: String { inner.displayName }
        var stopped: [(run: Int, candidate: Int)] { stops.withLock { $0 } }

        func continuations(of request: ContinuationRequest) -> CandidateEventStream {
            let run = runs.withLock { $0 += 1; return $0 }
            let upstream = inner.continuations(of: request)
            let (stream, continuation) = AsyncStream<CandidateEvent>.makeStream()
            let task = Task {
                for await event in upstream { continuation.yield(event) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
            return CandidateEventStream(stream) { [self] candidate in
                stops.withLock { $0.append((run, candidate)) }
                upstream.stop(candidate: candidate)
            }
        }
    }

    private func temporaryLog() throws -> FeedbackLog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-tests-\(UUID().uuidString)")
        return try FeedbackLog(url: dir.appendingPathComponent("feedback.jsonl"))
    }

    @Test func theStoppedCandidateKeepsItsTextAndTheOthersFinish() async throws {
        // Candidate 1 rambles on without a beat; 0 and 2 take a while, then end their beat.
        func slowBeat(_ first: String) -> ScriptedBackend.Script {
            ScriptedBackend.Script(tokens: [ScriptedBackend.Script.Token(first, after: .milliseconds(20)),
                                            ScriptedBackend.Script.Token(" Still.\n\n", after: .milliseconds(400))])
        }
        let rambling = ScriptedBackend.Script(tokens: ["The", " dial"].map { ScriptedBackend.Script.Token($0, after: .milliseconds(2)) }
                                              + Array(repeating: ScriptedBackend.Script.Token(" and", after: .milliseconds(50)), count: 200))
        let backend = StopRecorder(ScriptedBackend(scripts: [slowBeat("Vera waits."), rambling, slowBeat("Marlowe listens.")]))
        let log = try temporaryLog()
        var settings = SuggestionSettings(maxTokens: 1000)
        settings.regenerateOnReject = false
        let coordinator = SuggestionCoordinator(backend: backend, settings: settings, log: log)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait { _ in updates.last(id, 1)?.text.hasPrefix("The dial") == true })
        coordinator.stop(request: id, index: 1)
        let stoppedText = try #require(updates.last(id, 1)).text
        #expect(updates.last(id, 1)?.state == .stopped)
        #expect(backend.stopped.map(\.candidate) == [1], "the backend was told to stop candidate 1 alone")
        // The others go on to the end of their beat.
        #expect(await updates.wait { _ in updates.settled(id, count: 3) })
        #expect(updates.last(id, 0)?.text == "Vera waits. Still.")
        #expect(updates.last(id, 0)?.state == .done(.stop))
        #expect(updates.last(id, 2)?.text == "Marlowe listens. Still.")
        #expect(updates.last(id, 2)?.state == .done(.stop))
        #expect(updates.last(id, 1)?.text == stoppedText, "no text after the stop")
        #expect(updates.last(id, 1)?.state == .stopped)
        // Stopping it again, or a finished one, does nothing.
        let count = updates.all.count
        coordinator.stop(request: id, index: 1)
        coordinator.stop(request: id, index: 0)
        #expect(updates.all.count == count)
        // Its text can still be decided on; the log says it was stopped alone.
        coordinator.record(request: id, index: 1, outcome: .acceptedPart(stoppedText))
        coordinator.close()
        log.synchronize()
        let reader = try FeedbackReader(contentsOf: log.url)
        let candidates = reader.records.filter { $0.event == .candidate }
        let stopped = try #require(candidates.first { $0.index == 1 })
        #expect(stopped.finish == "stopped")
        #expect(stopped.stoppedAlone == true)
        #expect(stopped.text == stoppedText)
        #expect(candidates.filter { $0.index != 1 }.allSatisfy { $0.stoppedAlone == nil && $0.finish == "stop" })
        #expect(reader.records.contains { $0.event == .outcome && $0.index == 1 && $0.outcome == "accepted_part" })
    }

    @Test func aCandidateWhoseBeatEndedStopsInTheBackend() async {
        // Candidate 0 finishes its beat early but the script plays on; candidate 1 is slower.
        let early = ScriptedBackend.Script(tokens: ["Vera runs.\n\n", "MARLOWE\n"] + Array(repeating: "Wait. ", count: 100),
                                           interval: .milliseconds(5))
        let late = ScriptedBackend.Script(tokens: ["The dial", " turns.", "\n\n"], interval: .milliseconds(100))
        let backend = StopRecorder(ScriptedBackend(scripts: [early, late]))
        let coordinator = SuggestionCoordinator(backend: backend, settings: SuggestionSettings(count: 2, maxTokens: 1000), log: nil)
        let updates = UpdateCollector()
        let id = coordinator.request(SuggestionAsk(script: Self.ask.script, cursorLine: 7, cursorColumn: 0, count: 2),
                                     update: updates.handler)
        #expect(await updates.wait { _ in updates.settled(id, count: 2) })
        #expect(updates.last(id, 0)?.text == "Vera runs.")
        #expect(backend.stopped.map(\.candidate).contains(0), "the engine is not left decoding a finished beat")
        #expect(!backend.stopped.map(\.candidate).contains(1))
    }
}
