/// Token count and timing of one candidate, for the status bar.
public struct CandidateProgress: Sendable, Equatable {
    /// Tokens received so far (for remote backends, streamed chunks; servers
    /// send one token per chunk).
    public var tokens: Int
    /// From the request to the first token, once there is one.
    public var timeToFirstToken: Duration?
    /// From the request to now.
    public var elapsed: Duration

    public init(tokens: Int, timeToFirstToken: Duration?, elapsed: Duration) {
        self.tokens = tokens
        self.timeToFirstToken = timeToFirstToken
        self.elapsed = elapsed
    }

    /// Tokens per second after the first token (the decode rate); nil until
    /// two tokens have arrived.
    public var tokensPerSecond: Double? {
        guard tokens >= 2, let first = timeToFirstToken else { return nil }
        let decoding = (elapsed - first).secondsDouble
        return decoding > 0 ? Double(tokens - 1) / decoding : nil
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var secondsDouble: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
