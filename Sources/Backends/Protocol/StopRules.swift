/// When a continuation ends, besides the model's own end of text.
///
/// Backends pass these to the server and also enforce them on the client,
/// so a server that ignores them (or streams forever) is still bounded.
public struct StopRules: Sendable, Equatable {
    /// Generation ends before the first occurrence of any of these; the
    /// matched text is not delivered.
    public var sequences: [String]
    /// The most tokens (server chunks, for remote backends) per candidate.
    public var maxTokens: Int
    /// The longest a candidate may take from its request, if set.
    public var timeLimit: Duration?

    public init(sequences: [String] = [], maxTokens: Int = 128, timeLimit: Duration? = nil) {
        self.sequences = sequences.filter { !$0.isEmpty }
        self.maxTokens = max(1, maxTokens)
        self.timeLimit = timeLimit
    }
}
