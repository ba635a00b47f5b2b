/// Applies the client side of the stop rules to one candidate's stream and
/// keeps its token count and timing.
///
/// Every backend feeds its raw pieces through one of these, so stop
/// sequences, max tokens and the rate are handled the same everywhere.
struct CandidateMeter {
    private let started: ContinuousClock.Instant
    private let maxTokens: Int
    private var matcher: StopSequenceMatcher
    private(set) var tokens = 0
    private var firstToken: ContinuousClock.Instant?

    init(rules: StopRules, started: ContinuousClock.Instant = .now) {
        self.started = started
        maxTokens = rules.maxTokens
        matcher = StopSequenceMatcher(sequences: rules.sequences)
    }

    /// Accounts for `tokenCount` tokens that decoded to `piece`; returns the
    /// text to deliver and the finish reason if the candidate is now done.
    mutating func accept(_ piece: String, tokenCount: Int = 1) -> (text: String, finish: FinishReason?) {
        if tokenCount > 0, firstToken == nil { firstToken = .now }
        tokens += tokenCount
        let (text, stopped) = matcher.feed(piece)
        if stopped { return (text, .stop) }
        if tokens >= maxTokens { return (text + matcher.flush(), .length) }
        return (text, nil)
    }

    /// Text held back by the stop matcher, when the stream ends by itself.
    mutating func flush() -> String {
        matcher.flush()
    }

    /// The rest of the candidate's text when it ends: `held` (text a decoder
    /// still held, e.g. a chat line being judged) after what the matcher
    /// holds, cut at a stop sequence.
    mutating func drain(_ held: String) -> String {
        let (text, stopped) = matcher.feed(held)
        return stopped ? text : text + matcher.flush()
    }

    var progress: CandidateProgress {
        let now = ContinuousClock.now
        return CandidateProgress(
            tokens: tokens,
            timeToFirstToken: firstToken.map { $0 - started },
            elapsed: now - started
        )
    }
}
