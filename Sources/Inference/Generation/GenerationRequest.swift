/// What to generate: N candidates continuing one prompt.
public struct GenerationRequest: Sendable {
    /// Prompt text; encoded with BOS, special-token text treated as plain text.
    public var prompt: String
    /// Token ids to use instead of encoding `prompt` (BOS included by the caller).
    public var promptTokens: [Int32]?
    /// Candidates decoded together in one batch (1...16).
    public var candidates: Int
    /// Generated tokens per candidate at most.
    public var maxTokens: Int
    public var sampling: SamplingParameters
    /// Generation of a candidate ends before the first occurrence of any of
    /// these in its text (matched on detokenized text, across tokens).
    public var stopStrings: [String]
    /// When prompt plus generation exceed the context: drop the prompt's
    /// oldest tokens (keeping BOS), or fail with ``InferenceError/promptTooLong(tokens:capacity:)``.
    public var keepsPromptEnd: Bool

    public init(prompt: String, promptTokens: [Int32]? = nil, candidates: Int = 1, maxTokens: Int = 120,
                sampling: SamplingParameters = SamplingParameters(), stopStrings: [String] = [],
                keepsPromptEnd: Bool = true) {
        self.prompt = prompt
        self.promptTokens = promptTokens
        self.candidates = candidates
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopStrings = stopStrings
        self.keepsPromptEnd = keepsPromptEnd
    }
}

/// Why a candidate ended.
public enum FinishReason: String, Sendable, Equatable {
    /// A stop string appeared (it is not part of the text).
    case stop
    /// `maxTokens` generated.
    case length
    /// The model produced an end-of-generation token (eos, `<end_of_turn>`).
    case eos
    /// Stopped by ``GenerationControl/stop(candidate:)`` while the others went on.
    case cancelled
}

/// One event of a generation stream. Deltas of a candidate concatenate to
/// its final text; every candidate ends with exactly one `.finished`.
public enum GenerationEvent: Sendable, Equatable {
    case delta(candidate: Int, text: String)
    case finished(candidate: Int, text: String, reason: FinishReason)
}
