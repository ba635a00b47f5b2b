/// Sampling settings. `nil` means "the backend's own default".
///
/// Not every server honours every field: Ollama has no logit bias or
/// presence/frequency penalties; OpenAI-compatible servers may ignore top-k
/// and min-p. A field a server does not know is left out of its request.
public struct SamplingOptions: Sendable, Equatable {
    public var temperature: Double?
    public var topK: Int?
    public var topP: Double?
    public var minP: Double?
    /// Multiplicative penalty on repeated tokens (llama.cpp / Ollama style; 1 = off).
    public var repeatPenalty: Double?
    /// Additive OpenAI-style penalties (0 = off).
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?
    /// Base seed. Candidate `i` of a request uses `seed + i`, so that
    /// candidates sent as separate requests do not come out identical.
    public var seed: Int?
    /// Bias added to the logit of a token id of the server's vocabulary.
    public var logitBias: [Int: Double]

    public init(
        temperature: Double? = nil, topK: Int? = nil, topP: Double? = nil, minP: Double? = nil,
        repeatPenalty: Double? = nil, presencePenalty: Double? = nil, frequencyPenalty: Double? = nil,
        seed: Int? = nil, logitBias: [Int: Double] = [:]
    ) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.minP = minP
        self.repeatPenalty = repeatPenalty
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.seed = seed
        self.logitBias = logitBias
    }

    /// The seed for candidate `index`, if a seed is set.
    func seed(forCandidate index: Int) -> Int? {
        seed.map { $0 &+ index }
    }
}
