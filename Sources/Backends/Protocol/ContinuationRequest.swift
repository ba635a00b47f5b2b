/// What to continue, how many times, and how to sample and stop.
public struct ContinuationRequest: Sendable, Equatable {
    /// The text to continue, sent as is (no chat template) to completion
    /// backends. Chat backends send it as the user's script.
    public var prompt: String
    /// How many independent continuations to generate (at least 1).
    public var candidateCount: Int
    public var sampling: SamplingOptions
    public var stop: StopRules
    /// A one-line direction from the writer ("Vera lies"). Chat backends add
    /// it to their instruction; completion backends ignore it (the prompt
    /// builder puts it in the prompt as a Fountain note).
    public var direction: String?

    public init(
        prompt: String,
        candidateCount: Int = 3,
        sampling: SamplingOptions = SamplingOptions(),
        stop: StopRules = StopRules(),
        direction: String? = nil
    ) {
        self.prompt = prompt
        self.candidateCount = max(1, candidateCount)
        self.sampling = sampling
        self.stop = stop
        self.direction = direction
    }
}
