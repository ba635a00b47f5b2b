import Foundation
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
