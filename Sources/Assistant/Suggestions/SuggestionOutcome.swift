/// What the writer did with a candidate.
public enum SuggestionOutcome: Sendable, Equatable {
    /// Inserted whole.
    case accepted
    /// Only this leading part was inserted (next word / next line).
    case acceptedPart(String)
    /// Taken into the buffer and edited; `final` is the text committed.
    case edited(final: String)
    /// Rejected: its lines are never offered again this session.
    case rejected
    /// Not acted on before the next request (logged by the coordinator itself).
    case ignored

    /// Whether the writer kept something of the candidate.
    var isPositive: Bool {
        switch self {
        case .accepted, .acceptedPart, .edited: true
        case .rejected, .ignored: false
        }
    }

    /// Whether this is a decision (ignored is not).
    var isDecision: Bool { self != .ignored }
}
