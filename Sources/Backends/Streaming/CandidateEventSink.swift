import NIOConcurrencyHelpers

/// The producing end of a ``CandidateEventStream``; enforces its contract.
///
/// Safe to call from any task: each candidate gets exactly one final state,
/// nothing after it, and the stream finishes when the last candidate is
/// final. Events for a final candidate are dropped silently, which lets a
/// time limit, a stop sequence, the consumer's stop and a cancellation race
/// harmlessly. Work serving candidates registers with ``whenFinal(_:_:)``
/// or ``serve(_:_:)`` so that it ends once nobody is waiting for it.
final class CandidateEventSink: Sendable {
    private struct Watcher {
        var candidates: [Int]
        var action: @Sendable () -> Void
    }

    private struct Shared {
        var states: [CandidateState]
        var watchers: [Watcher] = []
    }

    private let continuation: AsyncStream<CandidateEvent>.Continuation
    private let shared: NIOLockedValueBox<Shared>

    init(continuation: AsyncStream<CandidateEvent>.Continuation, candidateCount: Int) {
        self.continuation = continuation
        shared = NIOLockedValueBox(Shared(states: Array(repeating: .queued, count: candidateCount)))
        for index in 0..<candidateCount {
            continuation.yield(CandidateEvent(candidate: index, kind: .state(.queued)))
        }
    }

    var candidateCount: Int { shared.withLockedValue { $0.states.count } }

    func isFinal(_ candidate: Int) -> Bool {
        shared.withLockedValue { $0.states[candidate].isFinal }
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
        var ready: [@Sendable () -> Void] = []
        let finishedAll: Bool = shared.withLockedValue { shared in
            guard candidate >= 0, candidate < shared.states.count, !shared.states[candidate].isFinal,
                  shared.states[candidate] != state else {
                return false
            }
            shared.states[candidate] = state
            continuation.yield(CandidateEvent(candidate: candidate, kind: .state(state)))
            guard state.isFinal else { return false }
            ready = Self.takeReady(&shared)
            return shared.states.allSatisfy(\.isFinal)
        }
        ready.forEach { $0() }
        if finishedAll { continuation.finish() }
    }

    /// The consumer stopped `candidate` (``CandidateEventStream/stop(candidate:)``).
    func stop(_ candidate: Int) { state(candidate, .stopped) }

    /// Runs `action` once every one of `candidates` is final (at once if
    /// they already are): how a backend learns to stop the work serving them.
    func whenFinal(_ candidates: [Int], _ action: @escaping @Sendable () -> Void) {
        let now: Bool = shared.withLockedValue { shared in
            if candidates.allSatisfy({ !shared.states.indices.contains($0) || shared.states[$0].isFinal }) { return true }
            shared.watchers.append(Watcher(candidates: candidates, action: action))
            return false
        }
        if now { action() }
    }

    /// Runs `body`, the work serving `candidates`, as its own task, cancelled
    /// once all of them are final (stopped by the consumer, say) or when the
    /// calling task is cancelled.
    func serve(_ candidates: [Int], _ body: @escaping @Sendable () async -> Void) async {
        let task = Task { await body() }
        whenFinal(candidates) { task.cancel() }
        await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
    }

    /// Gives every candidate not yet final the state `state` (final), ending the stream.
    func finishRemaining(_ state: CandidateState) {
        for index in 0..<candidateCount { self.state(index, state) }
        continuation.finish()
    }

    private func emit(_ candidate: Int, _ kind: CandidateEvent.Kind) {
        shared.withLockedValue { shared in
            guard candidate >= 0, candidate < shared.states.count, !shared.states[candidate].isFinal else { return }
            continuation.yield(CandidateEvent(candidate: candidate, kind: kind))
        }
    }

    /// Removes and returns the actions whose candidates are all final.
    private static func takeReady(_ shared: inout Shared) -> [@Sendable () -> Void] {
        var ready: [@Sendable () -> Void] = []
        shared.watchers.removeAll { watcher in
            guard watcher.candidates.allSatisfy({ shared.states[$0].isFinal }) else { return false }
            ready.append(watcher.action)
            return true
        }
        return ready
    }
}
