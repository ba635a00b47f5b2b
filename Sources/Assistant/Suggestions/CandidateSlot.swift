import Backends

/// One slot of a request as the coordinator sees it: the candidate now in
/// it (a refill replaces it), its raw and processed text, state and timing.
struct CandidateSlot: Sendable {
    /// 0 for the first candidate, then 1, 2… for each refill.
    var attempt = 0
    /// The run (backend stream) that feeds the slot; events of older runs are ignored.
    var run = 0
    var raw = ""
    var processed = CandidatePostProcessor.Processed(text: "", complete: false, hasContent: false, repairs: [])
    var state: CandidateState = .queued
    /// Hidden from the pane (duplicate, rejected line, empty).
    var dropped: String?
    /// Ended, as far as the coordinator is concerned (the backend may still be streaming it).
    var ended = false
    /// The writer stopped this candidate while the others went on.
    var stoppedAlone = false
    var logged = false
    var outcome: SuggestionOutcome?
    var tokens = 0
    var timeToFirstToken: Duration?
    var tokensPerSecond: Double?
    var started: ContinuousClock.Instant = .now
    /// Refills after drops, bounded so a model that keeps repeating itself cannot loop.
    var refills = 0

    /// Shown to the writer, with text, and not yet decided on.
    var isOpen: Bool { dropped == nil && processed.hasContent && outcome == nil }

    /// A fresh candidate in the slot, fed by `run`.
    mutating func restart(run: Int) {
        let kept = (attempt: attempt + 1, refills: refills)
        self = CandidateSlot()
        attempt = kept.attempt
        refills = kept.refills
        self.run = run
    }
}
