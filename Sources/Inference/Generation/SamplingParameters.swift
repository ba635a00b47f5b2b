/// How the next token is chosen from the logits. The order of operations
/// follows llama.cpp's default sampler chain: penalties and logit bias, then
/// top-k, top-p, min-p, temperature, and a seeded draw. Temperature 0 is
/// greedy (argmax after penalties and bias).
public struct SamplingParameters: Sendable, Equatable {
    /// 0 = greedy.
    public var temperature: Float
    /// Keep the k most likely tokens; 0 = no limit.
    public var topK: Int
    /// Keep the smallest set whose probability reaches p; 1 = off.
    public var topP: Float
    /// Drop tokens below minP times the top token's probability; 0 = off.
    public var minP: Float
    /// llama.cpp's repeat penalty: positive logits divided by it, negative
    /// ones multiplied, for tokens seen in the last `penaltyWindow` tokens. 1 = off.
    public var repetitionPenalty: Float
    /// Subtracted from the logit of every token seen in the window. 0 = off.
    public var presencePenalty: Float
    /// How many recent tokens (prompt tail plus generated) the penalties look at.
    public var penaltyWindow: Int
    /// Added to a token's logit before anything else (-infinity bans it).
    public var logitBias: [Int32: Float]
    /// Same seed, same request: same output. Candidate i draws from seed + i.
    public var seed: UInt64

    public init(temperature: Float = 0.8, topK: Int = 40, topP: Float = 0.95, minP: Float = 0.05,
                repetitionPenalty: Float = 1.0, presencePenalty: Float = 0, penaltyWindow: Int = 64,
                logitBias: [Int32: Float] = [:], seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.minP = minP
        self.repetitionPenalty = repetitionPenalty
        self.presencePenalty = presencePenalty
        self.penaltyWindow = penaltyWindow
        self.logitBias = logitBias
        self.seed = seed
    }

    /// Greedy decoding (temperature 0).
    public static let greedy = SamplingParameters(temperature: 0)

    func validate() throws {
        guard temperature >= 0, temperature.isFinite else { throw InferenceError.invalidParameter("temperature must be >= 0") }
        guard topK >= 0 else { throw InferenceError.invalidParameter("top-k must be >= 0") }
        guard topP > 0, topP <= 1 else { throw InferenceError.invalidParameter("top-p must be in (0, 1]") }
        guard minP >= 0, minP < 1 else { throw InferenceError.invalidParameter("min-p must be in [0, 1)") }
        guard repetitionPenalty > 0 else { throw InferenceError.invalidParameter("repetition penalty must be > 0") }
        guard penaltyWindow >= 0 else { throw InferenceError.invalidParameter("penalty window must be >= 0") }
    }
}
