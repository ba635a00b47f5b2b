import Foundation
import Testing
@testable import Backends
@testable import Inference
import RealEngineSupport
import Synchronization

/// The embedded engine behind the protocol, with the real model (run these
/// optimized: `swift test -c release -Xswiftc -enable-testing --filter EmbeddedBackendTests`).
@Suite(.serialized, .disabled(if: RealEngine.skip)) struct EmbeddedBackendTests {
    static let prompt = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\nMARLOWE\n"

    @Test func keepsTheStreamContract() async throws {
        let backend = try RealEngine.backend()
        let request = ContinuationRequest(prompt: Self.prompt, candidateCount: 3,
                                          sampling: SamplingOptions(temperature: 0.9, seed: 7),
                                          stop: StopRules(maxTokens: 24))
        let run = await CollectedRun.collect(backend.continuations(of: request))
        #expect(run.eventsAfterFinal == 0)
        for candidate in 0..<3 {
            let states = run.states[candidate] ?? []
            #expect(states.first == .queued)
            #expect(states.filter(\.isFinal).count == 1)
            #expect(states.last?.isFinal == true)
            #expect(states.contains(.streaming))
            #expect(!run.text(candidate).isEmpty)
            let progress = try #require(run.lastProgress[candidate])
            #expect(progress.tokens >= 1 && progress.tokens <= 24)
            #expect(progress.timeToFirstToken != nil)
        }
        // Seeded: the same request gives the same candidates.
        let again = await CollectedRun.collect(backend.continuations(of: request))
        #expect((0..<3).map(again.text) == (0..<3).map(run.text))
        #expect(Set((0..<3).map(run.text)).count > 1, "candidates of one request differ")
    }

    @Test func greedyMatchesTheEngineAndStopSequencesCut() async throws {
        let backend = try RealEngine.backend()
        var direct = ""
        for try await event in backend.engine.generate(GenerationRequest(
            prompt: Self.prompt, candidates: 1, maxTokens: 16, sampling: .greedy)) {
            if case .finished(_, let text, _) = event { direct = text }
        }
        let greedy = ContinuationRequest(prompt: Self.prompt, candidateCount: 1,
                                         sampling: SamplingOptions(temperature: 0), stop: StopRules(maxTokens: 16))
        let run = await CollectedRun.collect(backend.continuations(of: greedy))
        #expect(run.text(0) == direct)
        #expect(run.finalState(0) == .done(.length) || run.finalState(0) == .done(.stop))

        let cutAt = try #require(direct.split(separator: " ").dropFirst().first.map { " " + $0 })
        var stopped = greedy
        stopped.stop.sequences = [cutAt]
        let cut = await CollectedRun.collect(backend.continuations(of: stopped))
        #expect(cut.text(0) == String(direct[..<direct.range(of: cutAt)!.lowerBound]))
        #expect(cut.finalState(0) == .done(.stop))
    }

    @Test func logitBiasByTokenIDSteersSampling() async throws {
        let backend = try RealEngine.backend()
        let greedy = ContinuationRequest(prompt: Self.prompt, candidateCount: 1,
                                         sampling: SamplingOptions(temperature: 0), stop: StopRules(maxTokens: 4))
        let plain = await CollectedRun.collect(backend.continuations(of: greedy)).text(0)
        let first = try #require(backend.tokens(of: plain).first)
        // Banning the greedy first token changes the first token.
        var banned = greedy
        banned.sampling.logitBias = [first.id: -100]
        let other = await CollectedRun.collect(backend.continuations(of: banned)).text(0)
        #expect(backend.tokens(of: other).first?.id != first.id)
        // A large positive bias forces a token the model would not pick.
        let forced = try #require(backend.tokens(of: " Zebra").first)
        var pushed = greedy
        pushed.sampling.logitBias = [forced.id: 100, 999_999_999: 5]
        let pushedText = await CollectedRun.collect(backend.continuations(of: pushed)).text(0)
        #expect(pushedText.hasPrefix(forced.text))
    }

    @Test func stoppingOneCandidateEndsItAloneAndTheBatchGoesOn() async throws {
        let backend = try RealEngine.backend()
        let maxTokens = 60
        let request = ContinuationRequest(prompt: Self.prompt, candidateCount: 3,
                                          sampling: SamplingOptions(temperature: 0), stop: StopRules(maxTokens: maxTokens))
        let rowsBefore = backend.engine.queueSync { backend.engine.session.decodedRows }
        let stream = backend.continuations(of: request)
        let run = await CollectedRun.collect(stream) { run, candidate in
            if candidate == 1, run.text(1).count >= 8 { stream.stop(candidate: 1) }
        }
        let rows = backend.engine.queueSync { backend.engine.session.decodedRows } - rowsBefore
        print("ENGINE-STOP-ONE: decoded rows \(rows) with candidate 1 stopped after \(run.text(1).count) characters; "
              + "\(3 * (maxTokens - 1)) for all three to \(maxTokens) tokens")
        #expect(run.eventsAfterFinal == 0)
        #expect(run.finalState(1) == .stopped)
        #expect(run.finalState(0) == .done(.length))
        #expect(run.finalState(2) == .done(.length))
        #expect(run.lastProgress[0]?.tokens == maxTokens && run.lastProgress[2]?.tokens == maxTokens)
        // The engine decoded candidate 1 for far fewer steps than the others.
        #expect(rows < 3 * (maxTokens - 1) - 20, "decoded \(rows) rows; all three to the end is \(3 * (maxTokens - 1))")
        #expect(run.text(1).count < run.text(0).count)
    }

    @Test func cancellingStopsAtOnceAndTheEngineServesTheNextRequest() async throws {
        let backend = try RealEngine.backend()
        let long = ContinuationRequest(prompt: Self.prompt, candidateCount: 2,
                                       sampling: SamplingOptions(temperature: 1, seed: 3), stop: StopRules(maxTokens: 400))
        let stream = backend.continuations(of: long)
        let texts = Mutex(0)
        let consumer = Task { () -> CollectedRun in
            var run = CollectedRun()
            for await event in stream {
                switch event.kind {
                case .state(let state): run.states[event.candidate, default: []].append(state)
                case .text(let text):
                    run.texts[event.candidate, default: ""] += text
                    texts.withLock { $0 += 1 }
                case .progress(let progress): run.lastProgress[event.candidate] = progress
                }
            }
            return run
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while texts.withLock({ $0 }) < 4, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        consumer.cancel()
        let run = await consumer.value
        // The consumer's cancellation ends its iteration at once; the engine
        // must stop too: branch 0's evaluated tokens (kept in the cache for
        // reuse) show how far it got before the next request could run.
        let promptTokens = backend.engine.tokenize(Self.prompt).count
        let evaluated = backend.engine.queueSync { backend.engine.session.cachedTokens.count } - promptTokens
        #expect(evaluated < 100, "the engine generated \(evaluated) tokens after cancellation (max 400)")
        #expect(run.text(0).count + run.text(1).count > 0)
        let next = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: Self.prompt, candidateCount: 1, sampling: SamplingOptions(temperature: 0), stop: StopRules(maxTokens: 3))))
        #expect(next.finalState(0) == .done(.length) || next.finalState(0) == .done(.stop))
    }

    @Test func whatTheEngineCannotDoFailsAsEvents() async throws {
        let backend = try RealEngine.backend()
        let tooMany = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 17)))
        #expect(tooMany.failure(16).contains("at most 16"))
        let tooLong = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: Self.prompt, candidateCount: 4, stop: StopRules(maxTokens: 1000))))
        #expect(tooLong.failure(0).contains("context"))
        #expect(tooLong.eventsAfterFinal == 0)
    }

    @Test func countsTokensAsTheEngineDoes() throws {
        let backend = try RealEngine.backend()
        let text = "VERA\nWe're out of time."
        #expect(backend.tokenCount(of: text) == backend.engine.tokenizer.encode(text, addBOS: false, parseSpecial: false).count)
        #expect(backend.tokens(of: text).map(\.text).joined() == text)
    }
}
