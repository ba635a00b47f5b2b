import Foundation
import Synchronization

/// The embedded GGUF engine: loads a model, keeps its KV cache between
/// requests (a prompt sharing a prefix with the previous one evaluates only
/// the new suffix) and streams N candidates decoded together in one batch.
///
/// Thread-safe: requests run one after another on the engine's own thread
/// (model work never blocks Swift's cooperative pool); matmuls use one
/// shared fork-join pool, however many candidates run.
public final class InferenceEngine: @unchecked Sendable {
    public let tokenizer: SentencePieceTokenizer
    public let modelPath: String
    /// Cells of the KV cache: prompt plus all candidates' tokens must fit.
    public let contextLength: Int
    let session: ModelSession
    let pool: ComputePool
    private let file: GGUFFile
    private let queue = DispatchQueue(label: "intercut.inference", qos: .userInitiated)

    /// - Parameters:
    ///   - contextLength: KV cache size in tokens (default 4096; at most the model's).
    ///   - threads: compute threads; nil = one per core, shared with other engines.
    public init(modelPath: String, contextLength: Int = 4096, threads: Int? = nil) throws {
        let file = try GGUFFile(path: modelPath)
        self.file = file
        self.modelPath = modelPath
        pool = threads.map { ComputePool.shared(threads: $0) } ?? .shared
        let model = try ModelArchitectures.load(file, pool: pool)
        tokenizer = try SentencePieceTokenizer(gguf: file)
        guard contextLength > 0 else { throw InferenceError.invalidParameter("context length must be > 0") }
        self.contextLength = min(contextLength, model.contextLength)
        session = ModelSession(model: model, contextLength: self.contextLength)
    }

    /// Streams the candidates of `request`. Cancelling the consuming task
    /// (or dropping the stream) stops generation at the next token;
    /// `control` stops single candidates (or all) the same way.
    public func generate(_ request: GenerationRequest,
                         control: GenerationControl = GenerationControl()) -> AsyncThrowingStream<GenerationEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<GenerationEvent, Error>.makeStream()
        continuation.onTermination = { _ in control.stopAll() }
        queue.async { [self] in
            do {
                try run(request, control: control) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    /// Runs `body` on the engine's queue (model work is serialized there).
    func queueSync<T>(_ body: () throws -> T) rethrows -> T {
        try queue.sync(execute: body)
    }

    /// Token ids the engine would evaluate for `text` (BOS + text).
    public func tokenize(_ text: String) -> [Int32] {
        tokenizer.encode(text, addBOS: true, parseSpecial: false)
    }

    private struct Candidate {
        var sampler: Sampler
        var detokenizer: StreamingDetokenizer
        var stop: StopMatcher
        var generated: [Int32] = []
        var text = ""
        var next: Int32 = 0
        var finished = false
    }

    /// Runs a request on the engine's queue, calling `emit` per event.
    func run(_ request: GenerationRequest, control: GenerationControl, emit: (GenerationEvent) -> Void) throws {
        try request.sampling.validate()
        guard (1...16).contains(request.candidates) else {
            throw InferenceError.invalidParameter("candidates must be 1...16")
        }
        guard request.maxTokens >= 1 else { throw InferenceError.invalidParameter("max tokens must be >= 1") }
        var prompt = request.promptTokens ?? tokenize(request.prompt)
        let room = contextLength - request.candidates * request.maxTokens
        if prompt.count > room && request.keepsPromptEnd && room >= 2 {
            // Keep BOS and the most recent text: the part being continued.
            let bos = tokenizer.vocabulary.bosID
            let head = prompt.first == bos && bos != nil ? [prompt[0]] : []
            prompt = head + prompt.suffix(room - head.count)
        }
        try session.prefill(prompt)
        let capacity = try session.branchCapacity(count: request.candidates, maxTokens: request.maxTokens)
        let vocab = session.vocabularySize
        let endIDs = tokenizer.vocabulary.endOfGenerationIDs
        var candidates = (0..<request.candidates).map { i in
            Candidate(sampler: Sampler(parameters: request.sampling, stream: UInt64(i)),
                      detokenizer: tokenizer.streamingDetokenizer(), stop: StopMatcher(stops: request.stopStrings))
        }
        let promptTail = prompt.suffix(request.sampling.penaltyWindow)
        for i in candidates.indices {
            candidates[i].next = candidates[i].sampler.sample(session.logits(row: 0), count: vocab, history: promptTail)
        }
        var evaluatedByBranchZero = 0
        while true {
            // Accept each active candidate's sampled token.
            for i in candidates.indices where !candidates[i].finished {
                var c = candidates[i]
                let token = c.next
                if endIDs.contains(token) {
                    finish(&c, index: i, reason: .eos, emit: emit)
                } else {
                    c.generated.append(token)
                    let piece = c.stop.feed(c.detokenizer.append(token))
                    if !piece.isEmpty { c.text += piece; emit(.delta(candidate: i, text: piece)) }
                    if c.stop.stopped {
                        c.finished = true
                        emit(.finished(candidate: i, text: c.text, reason: .stop))
                    } else if c.generated.count >= request.maxTokens {
                        finish(&c, index: i, reason: .length, emit: emit)
                    }
                }
                candidates[i] = c
            }
            if control.isAllStopped { break }
            // Candidates stopped one by one leave the batch: the rest decode without them.
            for i in candidates.indices where !candidates[i].finished && control.isStopped(candidate: i) {
                candidates[i].finished = true
                emit(.finished(candidate: i, text: candidates[i].text, reason: .cancelled))
            }
            let steps = candidates.indices.filter { !candidates[$0].finished }.map { i in
                (branch: i, length: candidates[i].generated.count - 1, token: candidates[i].generated.last!)
            }
            if steps.isEmpty { break }
            session.decode(steps, branchCapacity: capacity)
            if steps[0].branch == 0 { evaluatedByBranchZero = steps[0].length + 1 }
            // Each candidate samples from its own row with its own generator, so
            // they run side by side on the pool (a full pass over 262k logits each).
            candidates.withUnsafeMutableBufferPointer { c in
                pool.run(chunks: steps.count) { row in
                    let branch = steps[row].branch
                    let history = (Array(promptTail) + c[branch].generated).suffix(request.sampling.penaltyWindow)
                    c[branch].next = c[branch].sampler.sample(session.logits(row: row), count: vocab, history: history)
                }
            }
        }
        // Branch 0 continues the prompt in place: keep it for prefix reuse.
        session.adoptBranchZero(candidates[0].generated.prefix(evaluatedByBranchZero))
    }

    private func finish(_ c: inout Candidate, index: Int, reason: FinishReason, emit: (GenerationEvent) -> Void) {
        let rest = c.stop.feed(c.detokenizer.finish()) + c.stop.finish()
        if !rest.isEmpty { c.text += rest; emit(.delta(candidate: index, text: rest)) }
        c.finished = true
        emit(.finished(candidate: index, text: c.text, reason: c.stop.stopped ? .stop : reason))
    }
}
