import Testing
@testable import Backends

@Suite struct ScriptedBackendTests {
    private let dialogue = ScriptedBackend.Script(tokens: ["VERA", "\n", "We", " go", ".", "\n\n", "INT."], interval: .milliseconds(1))

    @Test func everyCandidateIsQueuedStreamsAndEndsOnce() async {
        let backend = ScriptedBackend(scripts: [dialogue])
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 3)))
        for candidate in 0..<3 {
            #expect(run.states[candidate] == [.queued, .streaming, .done(.stop)])
            #expect(run.text(candidate) == "VERA\nWe go.\n\nINT.")
            #expect(run.lastProgress[candidate]?.tokens == 7)
        }
        #expect(run.eventsAfterFinal == 0)
    }

    @Test func stopRulesApply() async {
        let backend = ScriptedBackend(scripts: [dialogue])
        let stopped = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 1, stop: StopRules(sequences: ["\n\n"]))))
        #expect(stopped.text(0) == "VERA\nWe go.")
        #expect(stopped.finalState(0) == .done(.stop))

        let limited = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 1, stop: StopRules(maxTokens: 3))))
        #expect(limited.text(0) == "VERA\nWe")
        #expect(limited.finalState(0) == .done(.length))
    }

    @Test func aTimeLimitEndsAHangingCandidate() async {
        let hanging = ScriptedBackend.Script(tokens: ["a", "b"], interval: .milliseconds(1), ending: .hang)
        let backend = ScriptedBackend(scripts: [hanging, dialogue])
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 2, stop: StopRules(timeLimit: .seconds(3)))))
        #expect(run.finalState(0) == .done(.timeLimit))
        #expect(run.text(0) == "ab")
        #expect(run.finalState(1) == .done(.stop))
    }

    @Test func failuresAreFinalStatesWithTheirMessage() async {
        let failing = ScriptedBackend.Script(tokens: ["a"], interval: .zero, ending: .fail("model crashed", after: .zero))
        let run = await CollectedRun.collect(ScriptedBackend(scripts: [failing]).continuations(of: ContinuationRequest(prompt: "x", candidateCount: 1)))
        #expect(run.finalState(0) == .failed("model crashed"))
    }

    @Test func stoppingOneCandidateLetsTheOthersFinish() async {
        let long = ScriptedBackend.Script(tokens: Array(repeating: "x", count: 200), interval: .milliseconds(5), ending: .hang)
        let short = ScriptedBackend.Script(tokens: ["a", "b", "c"], interval: .milliseconds(30))
        let stream = ScriptedBackend(scripts: [long, short]).continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 2, stop: StopRules(maxTokens: 1000)))
        let run = await CollectedRun.collect(stream) { run, candidate in
            if candidate == 0, run.text(0).count == 2 { stream.stop(candidate: 0) }
        }
        #expect(run.states[0] == [.queued, .streaming, .stopped])
        #expect(run.text(0).count < 200)
        #expect(run.finalState(1) == .done(.stop))
        #expect(run.text(1) == "abc")
        #expect(run.eventsAfterFinal == 0)
    }

    @Test func cancellingTheConsumerEndsTheProducer() async {
        let slow = ScriptedBackend.Script(tokens: Array(repeating: "x", count: 1000), interval: .milliseconds(5))
        let stream = ScriptedBackend(scripts: [slow]).continuations(of: ContinuationRequest(prompt: "x", candidateCount: 2))
        let consumer = Task {
            var texts = 0
            for await event in stream {
                if case .text = event.kind { texts += 1 }
            }
            return texts
        }
        try? await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        let received = await consumer.value
        #expect(received < 2000)
    }
}
