import Foundation
import Testing
@testable import Assistant
import Backends
import RealEngineSupport

/// Sessions with the real engine (run optimized:
/// `swift test -c release -Xswiftc -enable-testing --filter EmbeddedSessionTests`).
@Suite(.serialized, .disabled(if: RealEngine.skip)) struct EmbeddedSessionTests {
    /// A scene where the model is drawn to one line: Marlowe keeps saying it.
    static let script = """
        INT. VAULT - NIGHT

        Marlowe kneels at the dial. Vera holds the torch.

        MARLOWE
        Two more turns.

        VERA
        Hurry.

        MARLOWE
        Two more turns.

        VERA
        You said that already.


        """

    static var ask: SuggestionAsk {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        return SuggestionAsk(script: script, cursorLine: lines.count - 1, cursorColumn: 0, count: 3,
                             element: .dialogue(character: "MARLOWE"))
    }

    /// Runs `rounds` requests; after each, rejects every shown candidate that
    /// contains `phrase` (normalized). Returns per round how many candidates
    /// the model offered with the phrase (shown, or hidden as a repeat of a
    /// rejected line) and every candidate's offered beat, and each request's
    /// number of biased tokens.
    private func session(steering: SteeringSettings, rounds: Int, phrase: String) async throws
        -> (counts: [Int], offered: [[String]], biasSizes: [Int]) {
        let backend = RecordingBackend(try RealEngine.backend())
        let settings = SuggestionSettings(count: 3, maxTokens: 24, temperature: 0.5, regenerateOnReject: false,
                                          seed: 1234, steering: steering)
        let coordinator = SuggestionCoordinator(backend: backend, settings: settings, log: nil)
        var counts: [Int] = []
        var offeredPerRound: [[String]] = []
        for _ in 0..<rounds {
            let updates = UpdateCollector()
            let id = coordinator.request(Self.ask, update: updates.handler)
            #expect(await updates.wait(timeout: .seconds(120)) { _ in updates.settled(id, count: 3) })
            let dropped = updates.dropped(id)
            let shown = (0..<3).map { index in
                dropped.contains { $0.index == index } ? nil : updates.last(id, index)?.text
            }
            // What the model offered: each raw candidate's first block (its beat), filtered or not.
            let offered = try #require(backend.recorded.last).texts.map {
                NormalizedText.key($0.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")[0])
            }
            offeredPerRound.append(offered)
            let key = phrase
            let count = offered.filter { $0.contains(key) }.count
            for index in 0..<3 {
                guard let text = shown[index], NormalizedText.key(text).contains(key) else { continue }
                coordinator.record(request: id, index: index, outcome: .rejected)
            }
            counts.append(count)
        }
        coordinator.close()
        return (counts, offeredPerRound, backend.recorded.map(\.request.sampling.logitBias.count))
    }

    @Test func aPhraseRejectedRepeatedlyStopsAppearing() async throws {
        // Unsteered (bias off; rejected lines are still hidden, which does not
        // change what the model samples): the beat the model offers most often.
        let probe = try await session(steering: .off, rounds: 8, phrase: "\u{1}")
        let phrase = try #require(Dictionary(grouping: probe.offered.flatMap { $0 }.filter { $0.contains(" ") }, by: { $0 })
            .max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        // Without bias, rejections do not change what is sampled: the probe is the control.
        let control = (counts: probe.offered.map { $0.filter { $0.contains(phrase) }.count }, offered: probe.offered)
        let steered = try await session(steering: SteeringSettings(), rounds: 8, phrase: phrase)
        print("steering: phrase \"\(phrase)\"; per round unsteered \(control.counts), steered \(steered.counts); biased tokens \(steered.biasSizes)")
        let first = try #require(control.counts.firstIndex { $0 > 0 })
        #expect(control.counts.dropFirst(first + 1).reduce(0, +) > 0, "unsteered, the model offers it again")
        // Same seeds: identical until the first rejection, then the bias keeps it out.
        #expect(Array(steered.counts.prefix(first + 1)) == Array(control.counts.prefix(first + 1)))
        #expect(steered.counts.dropFirst(first + 1).reduce(0, +) == 0, "steered, it never comes back")
        #expect(steered.biasSizes[first + 1] > 0)
    }

    @Test func theCoordinatorStreamsRepairedCandidatesFromTheEngine() async throws {
        let backend = try RealEngine.backend()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-session-\(UUID().uuidString)")
        let log = try FeedbackLog(script: dir.appendingPathComponent("vault.fountain").path)
        let coordinator = SuggestionCoordinator(
            backend: backend, settings: SuggestionSettings(maxTokens: 40, seed: 9), log: log)
        let updates = UpdateCollector()
        let id = coordinator.request(Self.ask, update: updates.handler)
        #expect(await updates.wait(timeout: .seconds(120)) { _ in updates.settled(id, count: 3) })
        let shown = (0..<3).compactMap { index -> String? in
            guard updates.dropped(id).allSatisfy({ $0.index != index }) else { return nil }
            return updates.last(id, index)?.text
        }
        #expect(!shown.isEmpty)
        for text in shown {
            #expect(text.hasPrefix("MARLOWE\n"), "element ask: the cue leads")
            #expect(!text.contains("\n\n"), "one beat: one dialogue block")
        }
        coordinator.record(request: id, index: 0, outcome: .accepted)
        coordinator.close()
        log.synchronize()
        let reader = try FeedbackReader(contentsOf: log.url)
        #expect(reader.skippedLines == 0)
        let request = try #require(reader.records.first { $0.event == .request })
        #expect(request.backend == "embedded")
        #expect(request.model == "gemma-3-270m-q4_k_m")
        #expect(request.prompt?.hasSuffix("You said that already.\n\nMARLOWE\n") == true)
        let exact = backend.tokenCount(of: request.prompt ?? "") + 1
        #expect((exact...exact + 8).contains(request.promptTokens ?? 0), "parts counted apart: \(request.promptTokens ?? 0) vs \(exact)")
        let candidates = reader.records.filter { $0.event == .candidate }
        #expect(candidates.count >= 3)
        #expect(candidates.allSatisfy { $0.totalMs != nil })
        #expect(candidates.contains { $0.ttftMs != nil })
    }
}
