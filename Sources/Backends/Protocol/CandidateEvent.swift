/// One thing that happened to one candidate of a request.
public struct CandidateEvent: Sendable, Equatable {
    /// The candidate's index, `0..<request.candidateCount`.
    public var candidate: Int
    public var kind: Kind

    /// What happened: a state change, more text, or new figures.
    public enum Kind: Sendable, Equatable {
        /// The candidate's state changed.
        case state(CandidateState)
        /// More text of the continuation (append it).
        case text(String)
        /// Updated token count and rate.
        case progress(CandidateProgress)
    }

    public init(candidate: Int, kind: Kind) {
        self.candidate = candidate
        self.kind = kind
    }
}
