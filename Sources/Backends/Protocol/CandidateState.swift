/// Where a candidate is in its life. `done`, `stopped` and `failed` are final.
public enum CandidateState: Sendable, Equatable {
    /// Asked for; nothing received yet.
    case queued
    /// The server accepted the request; text is arriving.
    case streaming
    /// Finished on its own.
    case done(FinishReason)
    /// Stopped by the writer (the stream was cancelled or dropped).
    case stopped
    /// Could not be generated; the message is one line, fit for a status bar,
    /// and never contains the API key.
    case failed(String)

    public var isFinal: Bool {
        switch self {
        case .queued, .streaming: false
        case .done, .stopped, .failed: true
        }
    }
}

/// Why a candidate ended by itself.
public enum FinishReason: String, Sendable, Equatable {
    /// The model ended its text, or a stop sequence was reached.
    case stop
    /// `StopRules.maxTokens` was reached.
    case length
    /// `StopRules.timeLimit` was reached.
    case timeLimit
}
