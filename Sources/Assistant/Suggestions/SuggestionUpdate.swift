import Backends

/// Identifies one request of a ``SuggestionCoordinator`` (increasing, from 1).
public typealias SuggestionRequestID = Int

/// What the coordinator tells the suggestion pane, from any thread.
///
/// A `.candidate` for an index after a `.dropped` for the same index means
/// the slot was refilled (a regeneration after a reject, or after a dropped
/// duplicate); the pane shows it again.
public enum SuggestionUpdate: Sendable, Equatable {
    /// The whole text so far of one candidate (repaired and trimmed to the
    /// beat), its state and rate. `text` is exactly what to insert at the
    /// request's cursor: it may start with "\n" when the candidate starts a
    /// new paragraph; it never ends with whitespace.
    case candidate(request: SuggestionRequestID, index: Int, text: String,
                   state: CandidateState, tokensPerSecond: Double?)
    /// The candidate duplicates another or repeats a rejected line: hide it.
    case dropped(request: SuggestionRequestID, index: Int, reason: String)
    /// The whole request could not start (no model, server down): one line.
    case failed(request: SuggestionRequestID, message: String)
}
