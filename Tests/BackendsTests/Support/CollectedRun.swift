@testable import Backends

/// Everything a candidate stream said, gathered per candidate.
struct CollectedRun {
    var texts: [Int: String] = [:]
    var states: [Int: [CandidateState]] = [:]
    var lastProgress: [Int: CandidateProgress] = [:]
    var eventsAfterFinal = 0

    func finalState(_ candidate: Int) -> CandidateState? {
        states[candidate]?.last.flatMap { $0.isFinal ? $0 : nil }
    }

    func text(_ candidate: Int) -> String { texts[candidate] ?? "" }

    /// The message of a failed candidate, or "" if it did not fail.
    func failure(_ candidate: Int) -> String {
        if case .failed(let message)? = finalState(candidate) { return message }
        return ""
    }

    /// The raw stream under a sink, in sink tests.
    static func collect(_ events: AsyncStream<CandidateEvent>) async -> CollectedRun {
        await collect(CandidateEventStream(events) { _ in })
    }

    /// Everything `stream` says; `afterText` sees the run after each piece
    /// of text (with the candidate it came for), to stop a candidate midway.
    static func collect(_ stream: CandidateEventStream,
                        afterText: (CollectedRun, Int) -> Void = { _, _ in }) async -> CollectedRun {
        var run = CollectedRun()
        for await event in stream {
            if run.finalState(event.candidate) != nil { run.eventsAfterFinal += 1 }
            switch event.kind {
            case .state(let state): run.states[event.candidate, default: []].append(state)
            case .text(let text):
                run.texts[event.candidate, default: ""] += text
                afterText(run, event.candidate)
            case .progress(let progress): run.lastProgress[event.candidate] = progress
            }
        }
        return run
    }
}
