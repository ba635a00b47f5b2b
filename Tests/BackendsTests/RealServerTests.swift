import Foundation
import Testing
@testable import Backends

/// The remote backends against a real OpenAI-compatible server (run by
/// scripts/test-remote-real: llama-cpp-python serving the default Gemma
/// model). Enabled by INTERCUT_REAL_OPENAI_URL, e.g. http://127.0.0.1:8080/v1.
/// Timings are printed for the script's report, never asserted.
@Suite(.serialized, .enabled(if: RealServer.baseURL != nil, "set INTERCUT_REAL_OPENAI_URL to run"))
struct RealServerTests {
    static let scene = """
        Title: The Vault

        INT. VAULT - NIGHT

        Marlowe kneels at the dial. Vera holds the torch.

        MARLOWE
        Quiet. I'm listening.

        VERA
        We have four minutes.

        """

    private func backend(_ kind: BackendKind) async throws -> RemoteBackend {
        let probe = try RemoteBackend(kind: kind, endpoint: RemoteEndpoint(RealServer.baseURL ?? ""), model: "",
                                      timeouts: Timeouts(connect: .seconds(5), read: .seconds(120)))
        let model = try await probe.listModels().first ?? ""
        return try RemoteBackend(kind: kind, endpoint: probe.endpoint, model: model,
                                 timeouts: Timeouts(connect: .seconds(5), read: .seconds(120)))
    }

    private func report(_ label: String, _ run: CollectedRun, candidates: Int, wall: Duration) {
        let progress = (0..<candidates).compactMap { run.lastProgress[$0] }
        let tokens = progress.map(\.tokens).reduce(0, +)
        let firsts = progress.compactMap(\.timeToFirstToken).map { $0.secondsDouble * 1000 }
        print("REAL-SERVER \(label): ttft_ms per candidate: " + firsts.map { String(format: "%.0f", $0) }.joined(separator: ", "))
        let rates = progress.compactMap(\.tokensPerSecond)
        print(String(format: "REAL-SERVER %@: candidates=%d tokens=%d wall=%.2fs ttft_ms(min/max)=%.0f/%.0f "
                     + "per_candidate_tok_s(mean)=%.1f aggregate_tok_s=%.1f",
                     label, candidates, tokens, wall.secondsDouble, firsts.min() ?? -1, firsts.max() ?? -1,
                     rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count), Double(tokens) / wall.secondsDouble))
    }

    @Test func listsTheServedModel() async throws {
        let models = try await backend(.openai).listModels()
        #expect(models.contains { $0.hasSuffix(".gguf") || !$0.isEmpty })
    }

    @Test func completionsStreamAContinuation() async throws {
        let backend = try await backend(.openai)
        let request = ContinuationRequest(prompt: Self.scene, candidateCount: 1,
                                          sampling: SamplingOptions(temperature: 0, seed: 1), stop: StopRules(maxTokens: 16))
        let run = await CollectedRun.collect(backend.continuations(of: request))
        #expect(run.states[0]?.first == .queued)
        #expect(run.states[0]?.contains(.streaming) == true)
        #expect([.done(.length), .done(.stop)].contains(run.finalState(0)))
        #expect(!run.text(0).isEmpty)
        #expect((run.lastProgress[0]?.tokens ?? 0) >= 1)
    }

    @Test func chatStreamsACleanedContinuation() async throws {
        let backend = try await backend(.openaiChat)
        let request = ContinuationRequest(prompt: Self.scene, candidateCount: 1,
                                          sampling: SamplingOptions(temperature: 0.2, seed: 3), stop: StopRules(maxTokens: 48),
                                          direction: "Vera lies about the alarm")
        let run = await CollectedRun.collect(backend.continuations(of: request))
        #expect([.done(.length), .done(.stop)].contains(run.finalState(0)), "\(run.states[0] ?? [])")
        #expect(!run.text(0).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(!run.text(0).contains("```"))
    }

    @Test func threeCandidatesStreamEvenIfTheServerIgnoresN() async throws {
        let backend = try await backend(.openai)
        let request = ContinuationRequest(prompt: Self.scene, candidateCount: 3,
                                          sampling: SamplingOptions(temperature: 0.9, seed: 11), stop: StopRules(maxTokens: 32))
        let start = ContinuousClock.now
        let run = await CollectedRun.collect(backend.continuations(of: request))
        let wall = ContinuousClock.now - start
        for candidate in 0..<3 {
            #expect([.done(.length), .done(.stop)].contains(run.finalState(candidate)), "candidate \(candidate): \(run.states[candidate] ?? [])")
            #expect(!run.text(candidate).isEmpty)
        }
        print("REAL-SERVER n=3: server ignores n: \(backend.serverIgnoresChoiceCount)")
        report("n=3", run, candidates: 3, wall: wall)
    }

    @Test func cancellingMidStreamLeavesTheServerFreeForTheNextRequest() async throws {
        let backend = try await backend(.openai)
        let long = ContinuationRequest(prompt: Self.scene, candidateCount: 1, sampling: SamplingOptions(temperature: 0.8, seed: 5),
                                       stop: StopRules(maxTokens: 2000))
        let consumer = Task {
            var texts = 0
            for await event in backend.continuations(of: long) {
                if case .text = event.kind { texts += 1 }
                if texts == 5 { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return texts
        }
        #expect(await consumer.value >= 5)
        let start = ContinuousClock.now
        let next = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: Self.scene, candidateCount: 1, sampling: SamplingOptions(temperature: 0), stop: StopRules(maxTokens: 8))))
        #expect([.done(.length), .done(.stop)].contains(next.finalState(0)))
        report("after-cancel", next, candidates: 1, wall: ContinuousClock.now - start)
    }

    @Test func reusingAPromptGivesTheSameGreedyText() async throws {
        let backend = try await backend(.openai)
        let long = String(repeating: Self.scene, count: 6)
        let request = ContinuationRequest(prompt: long, candidateCount: 1, sampling: SamplingOptions(temperature: 0, seed: 1),
                                          stop: StopRules(maxTokens: 12))
        var texts: [String] = []
        for label in ["prompt-cold", "prompt-reused"] {
            let start = ContinuousClock.now
            let run = await CollectedRun.collect(backend.continuations(of: request))
            #expect([.done(.length), .done(.stop)].contains(run.finalState(0)))
            texts.append(run.text(0))
            report(label, run, candidates: 1, wall: ContinuousClock.now - start)
        }
        #expect(texts[0] == texts[1])
        #expect(!texts[0].isEmpty)
    }
}

/// Where the real server is, if the script started one.
enum RealServer {
    static let baseURL = ProcessInfo.processInfo.environment["INTERCUT_REAL_OPENAI_URL"].flatMap { $0.isEmpty ? nil : $0 }
}
