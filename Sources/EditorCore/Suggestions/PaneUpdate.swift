/// News for the suggestion pane, posted to the UI thread by the glue and
/// applied with `Editor.applySuggestionUpdate(_:)`. Updates for a request
/// the pane no longer shows are ignored, so late tokens are harmless.
public enum PaneUpdate: Sendable, Equatable {
    /// The whole text so far of candidate `index`, its status and decode rate.
    case candidate(ticket: Int, index: Int, text: String, status: PaneCandidate.Status, tokensPerSecond: Double?)
    /// The candidate duplicates another or repeats a rejected line: hide it.
    case dropped(ticket: Int, index: Int, reason: String)
    /// The request could not start (no model, server down): one line.
    case failed(ticket: Int, message: String)
    /// Accepted over decided candidates this session (nil before any decision).
    case acceptanceRate(Double?)
    /// The backend's short name for the pane ("gemma-3-270m"), or why there
    /// is none (`available: false`: e.g. "No model: run `intercut model install`").
    case backend(name: String, available: Bool)
}
