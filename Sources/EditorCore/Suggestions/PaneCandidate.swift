/// One candidate continuation in the pane: its text so far, where it is in
/// its life, and how much of it the writer has taken word by word or line
/// by line.
public struct PaneCandidate: Sendable, Equatable {
    /// Where a candidate is in its life (Backends' `CandidateState`, minus the finish reason).
    public enum Status: Sendable, Equatable {
        case queued, streaming, done, stopped
        case failed(String)

        var isFinal: Bool {
            switch self {
            case .queued, .streaming: false
            case .done, .stopped, .failed: true
            }
        }

        var label: String {
            switch self {
            case .queued: "reading the script…"
            case .streaming: "streaming"
            case .done: "done"
            case .stopped: "stopped"
            case .failed: "error"
            }
        }
    }

    /// The slot's index in its request (the glue's candidate index).
    var index: Int
    var text = ""
    var status = Status.queued
    var tokensPerSecond: Double?
    /// Characters of `text` already inserted by "accept next word/line".
    var taken = 0
    /// The writer decided about it (or it was dropped): no longer offered.
    var isClosed = false
    /// Hidden by the assistant (a duplicate, a repeat of a rejected line);
    /// a later update for the slot is a refill and shows it again.
    var isDropped = false

    init(index: Int) {
        self.index = index
    }

    /// The part not taken yet.
    var remainder: Substring { text.dropFirst(taken) }

    /// What is taken so far.
    var takenText: String { String(text.prefix(taken)) }
}
