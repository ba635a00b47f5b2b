import Testing
@testable import Inference

/// The streaming API on the real model: batching, determinism, stop
/// strings, cancellation and prefix reuse.
@Suite(.enabled(if: !RealModel.skip, "INTERCUT_SKIP_MODEL_TESTS=1"), .serialized)
struct InferenceEngineTests {
    static let prompt = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\nMARLOWE\n"

    static func engine() throws -> InferenceEngine {
        _ = try RealModel.open()
        return try InferenceEngine(modelPath: RealModel.path, contextLength: 2048)
    }

    static func collect(_ engine: InferenceEngine, _ request: GenerationRequest) async throws -> [Int: (text: String, deltas: String, reason: FinishReason)] {
        var deltas: [Int: String] = [:]
        var done: [Int: (String, String, FinishReason)] = [:]
        for try await event in engine.generate(request) {
            switch event {
            case .delta(let i, let t):
                #expect(done[i] == nil, "delta after finish")
                deltas[i, default: ""] += t
            case .finished(let i, let t, let r):
                #expect(done[i] == nil, "finished twice")
                done[i] = (t, deltas[i] ?? "", r)
            }
        }
        return done.mapValues { (text: $0.0, deltas: $0.1, reason: $0.2) }
    }

    @Test func greedyCandidatesInOneBatchEqualASingleGreedyRun() async throws {
        let engine = try Self.engine()
        let single = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, candidates: 1, maxTokens: 24, sampling: .greedy))
        let three = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, candidates: 3, maxTokens: 24, sampling: .greedy))
        #expect(three.count == 3)
        for i in 0..<3 {
            #expect(three[i]?.text == single[0]?.text, "candidate \(i)")
            #expect(three[i]?.text == three[i]?.deltas)
        }
        #expect(single[0]?.reason == .length)
    }

    @Test func sameSeedSameCandidatesDifferentSeedsDiffer() async throws {
        let engine = try Self.engine()
        func run(_ seed: UInt64) async throws -> [String] {
            let r = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, candidates: 3, maxTokens: 20,
                                                                     sampling: SamplingParameters(temperature: 1.0, seed: seed)))
            return (0..<3).map { r[$0]?.text ?? "" }
        }
        let a = try await run(11), b = try await run(11), c = try await run(12)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func stopStringEndsTheCandidateBeforeIt() async throws {
        let engine = try Self.engine()
        let free = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, maxTokens: 30, sampling: .greedy))
        let text = try #require(free[0]?.text)
        // Stop at the first newline the greedy text contains (it has one: dialogue then a blank line).
        try #require(text.contains("\n"))
        let r = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, maxTokens: 30, sampling: .greedy, stopStrings: ["\n"]))
        #expect(r[0]?.reason == .stop)
        #expect(r[0]?.text == String(text[..<text.firstIndex(of: "\n")!]))
    }

    @Test func cancellingTheConsumerStopsGeneration() async throws {
        let engine = try Self.engine()
        let task = Task {
            var n = 0
            for try await event in engine.generate(GenerationRequest(prompt: Self.prompt, maxTokens: 2000, sampling: .greedy)) {
                if case .delta = event { n += 1 }
                if n == 3 { break }
            }
            return n
        }
        #expect(try await task.value == 3)
        // The engine is free again (the cancelled request stopped): a new one completes.
        let r = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, maxTokens: 4, sampling: .greedy))
        #expect(r[0]?.reason == .length)
    }

    @Test func aStoppedCandidateLeavesTheBatchAndTheOthersGoOn() throws {
        let engine = try Self.engine()
        let maxTokens = 24
        let request = GenerationRequest(prompt: Self.prompt, candidates: 3, maxTokens: maxTokens, sampling: .greedy)
        /// Runs `request` synchronously; `onEvent` sees each event as it is emitted.
        func run(_ control: GenerationControl, onEvent: (GenerationEvent) -> Void) throws -> Int {
            try engine.queueSync {
                let before = engine.session.decodedRows
                try engine.run(request, control: control, emit: onEvent)
                return engine.session.decodedRows - before
            }
        }
        var full: [Int: String] = [:]
        let fullRows = try run(GenerationControl()) { event in
            if case .finished(let i, let text, let reason) = event { full[i] = text; #expect(reason == .length) }
        }
        // Each candidate's last token needs no decode step.
        #expect(fullRows == 3 * (maxTokens - 1))

        let control = GenerationControl()
        var deltas: [Int: Int] = [:]
        var afterStop = 0
        var stopped = false
        var finished: [Int: (text: String, reason: FinishReason)] = [:]
        let rows = try run(control) { event in
            switch event {
            case .delta(let i, _):
                if i == 1 && stopped { afterStop += 1 }
                deltas[i, default: 0] += 1
                if i == 1 && deltas[1] == 2 {
                    control.stop(candidate: 1)
                    stopped = true
                }
            case .finished(let i, let text, let reason):
                #expect(finished[i] == nil, "finished twice")
                finished[i] = (text, reason)
            }
        }
        #expect(afterStop == 0, "the stopped candidate produced no more text")
        #expect(finished[1]?.reason == .cancelled)
        #expect(finished[1].map { full[1]?.hasPrefix($0.text) == true && $0.text.count < full[1]!.count } == true)
        for i in [0, 2] {
            #expect(finished[i]?.reason == .length, "candidate \(i) went on to max tokens")
            #expect(finished[i]?.text == full[i], "candidate \(i) is what it would have been")
        }
        // The batch went on with two rows: candidate 1 stopped decoding within a token or two of its second delta.
        #expect(rows >= 2 * (maxTokens - 1))
        #expect(rows <= 2 * (maxTokens - 1) + 4)
    }

    @Test func prefixReuseEvaluatesOnlyTheSuffixAndGivesTheSameLogits() throws {
        let engine = try Self.engine()
        let s = engine.session
        let a = engine.tokenize(Self.prompt + "Quiet. I'm listening.\n")
        let b = engine.tokenize(Self.prompt + "Quiet. I'm counting.\n")
        let common = zip(a, b).prefix { $0 == $1 }.count
        func logits() -> [Float] { Array(UnsafeBufferPointer(start: s.logits(row: 0), count: s.vocabularySize)) }
        try engine.queueSync {
            s.reset()
            try s.prefill(a)
            let reused = try s.prefill(b)
            #expect(reused == common)
            let again = logits()
            // Reuse equals evaluating b cold in the same two batches (the
            // float order follows the batch split, as in llama.cpp).
            s.reset()
            try s.prefill(Array(b[..<common]))
            try s.prefill(b)
            #expect(logits() == again)
            // The whole prompt cached: nothing evaluated, the same logits.
            #expect(try s.prefill(b) == b.count)
            #expect(logits() == again)
            // A fully cached prompt that is not the last one evaluated still evaluates its last token.
            #expect(try s.prefill(Array(b.dropLast())) == b.count - 2)
        }
    }

    @Test func badRequestsThrowClearErrors() async throws {
        let engine = try Self.engine()
        await #expect(throws: InferenceError.self) {
            _ = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, candidates: 0))
        }
        await #expect(throws: InferenceError.self) {
            _ = try await Self.collect(engine, GenerationRequest(prompt: Self.prompt, maxTokens: 5000))
        }
    }
}
