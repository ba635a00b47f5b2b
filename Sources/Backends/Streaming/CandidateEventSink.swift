import NIOConcurrencyHelpers

/// The producing end of a ``CandidateEventStream``; enforces its contract.
///
/// Safe to call from any task: each candidate gets exactly one final state,
/// nothing after it, and the stream finishes when the last candidate is
/// final. Events for a final candidate are dropped silently, which lets a
/// time limit, a stop sequence and a cancellation race harmlessly.
final class CandidateEventSink: Sendable {
    private let continuation: CandidateEventStream.Continuation
    private let states: NIOLockedValueBox<[CandidateState]>

    init(continuation: CandidateEventStream.Continuation, candidateCount: Int) {
        self.continuation = continuation
        states = NIOLockedValueBox(Array(repeating: .queued, count: candidateCount))
        for index in 0..<candidateCount {
            continuation.yield(CandidateEvent(candidate: index, kind: .state(.queued)))
        }
    }

    var candidateCount: Int { states.withLockedValue { $0.count } }

    func isFinal(_ candidate: Int) -> Bool {
        states.withLockedValue { $0[candidate].isFinal }
    }

    func text(_ candidate: Int, _ text: String) {
        guard !text.isEmpty else { return }
        emit(candidate, .text(text))
    }

    func progress(_ candidate: Int, _ progress: CandidateProgress) {
        emit(candidate, .progress(progress))
    }

    /// Moves `candidate` to `state` unless it is already final (or already in it).
    func state(_ candidate: Int, _ state: CandidateState) {
        let finishedAll: Bool = states.withLockedValue { states in
            guard candidate < states.count, !states[candidate].isFinal, states[candidate] != state else {
                return false
            }
            states[candidate] = state
            continuation.yield(CandidateEvent(candidate: candidate, kind: .state(state)))
            return state.isFinal && states.allSatisfy(\.isFinal)
        }
        if finishedAll { continuation.finish() }
    }

    /// Gives every candidate not yet final the state `state` (final), ending the stream.
    func finishRemaining(_ state: CandidateState) {
        for index in 0..<candidateCount { self.state(index, state) }
        continuation.finish()
    }

    private func emit(_ candidate: Int, _ kind: CandidateEvent.Kind) {
        states.withLockedValue { states in
            guard candidate < states.count, !states[candidate].isFinal else { return }
            continuation.yield(CandidateEvent(candidate: candidate, kind: kind))
        }
    }
}
