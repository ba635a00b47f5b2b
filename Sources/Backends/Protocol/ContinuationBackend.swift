/// Something that streams N continuations of a prompt: the embedded engine,
/// a remote server, or a script for tests.
///
/// The contract every implementation keeps:
/// - The returned stream yields, for each candidate `0..<request.candidateCount`,
///   `.state(.queued)` first, then any number of `.text` and `.progress`
///   events, and exactly one final state (`.done`, `.stopped` or `.failed`),
///   after which nothing more is said about that candidate. The stream
///   finishes once every candidate has reached a final state.
/// - Events of different candidates interleave freely; text deltas of one
///   candidate arrive in order and concatenate to its continuation.
/// - Cancelling the task that iterates the stream, or dropping the stream,
///   stops generation at once: remote connections are closed, no request is
///   left running.
/// - ``CandidateEventStream/stop(candidate:)`` stops one candidate: its
///   final `.stopped` comes through the stream at once, nothing after it,
///   and the backend stops spending on it (the engine's batch goes on
///   without it; a remote candidate's own request is closed) while the
///   other candidates continue.
/// - Failures are events (`.failed(message)` with a one-line message fit for a
///   status bar), never thrown; a backend never hangs past its timeouts.
public protocol ContinuationBackend: Sendable {
    /// A short label for the status bar, e.g. "ollama · llama3.2".
    var displayName: String { get }

    /// Starts generating `request.candidateCount` continuations of `request.prompt`.
    func continuations(of request: ContinuationRequest) -> CandidateEventStream
}

