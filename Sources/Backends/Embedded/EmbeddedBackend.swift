import Foundation
import Inference

/// The in-process GGUF engine behind ``ContinuationBackend``.
///
/// Mapping of the protocol onto ``InferenceEngine``:
/// - Sampling: `nil` fields take the engine's defaults (temperature 0.8,
///   top-k 40, top-p 0.95, min-p 0.05); `repeatPenalty` and
///   `presencePenalty` map directly; the engine has no frequency penalty,
///   so `frequencyPenalty` is ignored. `logitBias` is by this model's token
///   ids; ids outside the vocabulary are left out. Without a seed each
///   request draws one; candidate `i` draws from its own stream `i` of the
///   seed (the engine's scheme), so one request's candidates differ.
/// - Stop rules: sequences and max tokens are enforced by the engine per
///   candidate; the time limit by the stream runner.
/// - Candidates decode together in one batch (1...16); the prompt keeps its
///   end when it is longer than the context allows.
/// - Progress counts one token per streamed piece (the engine streams one
///   piece per token, except where a stop sequence or a split UTF-8
///   character holds text back).
/// - Stopping one candidate takes it out of the batch at the next token:
///   the others decode on with one row less.
/// - Cancellation stops decoding at the next token. A prompt evaluation
///   already under way finishes first (it is one batch), but the stream ends
///   at once with every open candidate `stopped`; the next request waits
///   for that evaluation, and then reuses it.
public final class EmbeddedBackend: TokenizingBackend {
    public let engine: InferenceEngine
    public let displayName: String

    public init(engine: InferenceEngine) {
        self.engine = engine
        let file = URL(fileURLWithPath: engine.modelPath).deletingPathExtension().lastPathComponent
        displayName = "embedded · \(file)"
    }

    /// Loads the model on a background thread, so a UI can keep running.
    public static func load(modelPath: String, contextLength: Int = 4096, threads: Int? = nil) async throws -> EmbeddedBackend {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result {
                    EmbeddedBackend(engine: try InferenceEngine(modelPath: modelPath, contextLength: contextLength,
                                                                threads: threads))
                })
            }
        }
    }

    public var contextLength: Int { engine.contextLength }

    public func tokenCount(of text: String) -> Int {
        engine.tokenizer.encode(text, addBOS: false, parseSpecial: false).count
    }

    /// Each token's text is its bytes as UTF-8 (a byte-fallback token that
    /// is part of a character shows as U+FFFD).
    public func tokens(of text: String) -> [BackendToken] {
        engine.tokenizer.encode(text, addBOS: false, parseSpecial: false).map { id in
            BackendToken(id: Int(id), text: String(decoding: engine.tokenizer.pieceBytes(id), as: UTF8.self))
        }
    }

    public func continuations(of request: ContinuationRequest) -> CandidateEventStream {
        let generation: GenerationRequest
        do {
            generation = try Self.generationRequest(for: request, vocabularySize: engine.tokenizer.vocabulary.count)
        } catch {
            let message = "\(error)"
            return CandidateStreamRunner.stream(candidateCount: request.candidateCount, timeLimit: nil) { sink in
                for index in 0..<request.candidateCount { sink.state(index, .failed(message)) }
            }
        }
        let engine = self.engine
        return CandidateStreamRunner.stream(candidateCount: request.candidateCount, timeLimit: request.stop.timeLimit) { sink in
            // Stop rules are the engine's; the meters only count and time.
            let counting = StopRules(maxTokens: Int.max)
            var meters = (0..<request.candidateCount).map { _ in CandidateMeter(rules: counting) }
            // A candidate the consumer stops leaves the engine's batch at the next step.
            let control = GenerationControl()
            for index in 0..<request.candidateCount {
                sink.whenFinal([index]) { control.stop(candidate: index) }
            }
            do {
                for try await event in engine.generate(generation, control: control) {
                    switch event {
                    case .delta(let index, let text):
                        sink.state(index, .streaming)
                        _ = meters[index].accept(text)
                        sink.text(index, text)
                        sink.progress(index, meters[index].progress)
                    case .finished(let index, _, .cancelled):
                        sink.state(index, .stopped)
                    case .finished(let index, _, let reason):
                        sink.state(index, .streaming)
                        sink.progress(index, meters[index].progress)
                        sink.state(index, .done(reason == .length ? .length : .stop))
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                let message = "\(error)"
                for index in 0..<request.candidateCount { sink.state(index, .failed(message)) }
            }
        }
    }

    /// The engine's request for a protocol request; throws a one-line error
    /// for what the engine cannot do.
    static func generationRequest(for request: ContinuationRequest, vocabularySize: Int) throws -> GenerationRequest {
        guard request.candidateCount <= 16 else {
            throw BackendError("the embedded engine decodes at most 16 candidates at once")
        }
        let options = request.sampling
        let defaults = SamplingParameters()
        var bias: [Int32: Float] = [:]
        for (id, value) in options.logitBias where id >= 0 && id < vocabularySize {
            bias[Int32(id)] = Float(value)
        }
        let sampling = SamplingParameters(
            temperature: options.temperature.map { Float(max(0, $0)) } ?? defaults.temperature,
            topK: options.topK ?? defaults.topK,
            topP: options.topP.map { Float(min(1, max(Double.leastNonzeroMagnitude, $0))) } ?? defaults.topP,
            minP: options.minP.map { Float(min(0.99, max(0, $0))) } ?? defaults.minP,
            repetitionPenalty: options.repeatPenalty.map(Float.init) ?? defaults.repetitionPenalty,
            presencePenalty: options.presencePenalty.map(Float.init) ?? defaults.presencePenalty,
            logitBias: bias,
            seed: options.seed.map { UInt64(bitPattern: Int64($0)) } ?? UInt64.random(in: 0...UInt64.max))
        return GenerationRequest(prompt: request.prompt, candidates: request.candidateCount,
                                 maxTokens: request.stop.maxTokens, sampling: sampling,
                                 stopStrings: request.stop.sequences, keepsPromptEnd: true)
    }
}
