/// The events a ``ContinuationBackend`` streams (see its contract), with a
/// handle to stop one candidate while the others go on.
///
/// Iterate it like any async sequence; ``stop(candidate:)`` may be called
/// from any thread, before or during iteration, and more than once.
public struct CandidateEventStream: AsyncSequence, Sendable {
    public typealias Element = CandidateEvent
    public typealias AsyncIterator = AsyncStream<CandidateEvent>.Iterator

    private let events: AsyncStream<CandidateEvent>
    private let stopCandidate: @Sendable (Int) -> Void

    /// Wraps `events`; `stop` carries out ``stop(candidate:)``.
    public init(_ events: AsyncStream<CandidateEvent>, stop: @escaping @Sendable (Int) -> Void) {
        self.events = events
        stopCandidate = stop
    }

    public func makeAsyncIterator() -> AsyncIterator { events.makeAsyncIterator() }

    /// Stops candidate `index` (its final state is `.stopped`); the others continue.
    public func stop(candidate index: Int) { stopCandidate(index) }
}
