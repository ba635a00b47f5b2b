/// Builds a ``CandidateEventStream`` around a generation body: wires
/// cancellation of the consumer to the producing task, the consumer's stop
/// of one candidate to the sink, enforces the request's time limit, and
/// closes off candidates the body left open.
enum CandidateStreamRunner {
    static func stream(
        candidateCount: Int,
        timeLimit: Duration?,
        body: @escaping @Sendable (CandidateEventSink) async -> Void
    ) -> CandidateEventStream {
        let (stream, continuation) = AsyncStream<CandidateEvent>.makeStream(bufferingPolicy: .unbounded)
        let sink = CandidateEventSink(continuation: continuation, candidateCount: candidateCount)
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await body(sink) }
                if let timeLimit {
                    group.addTask {
                        guard (try? await Task.sleep(for: timeLimit)) != nil else { return }
                        // Mark first, so the cancellation that follows cannot
                        // turn these candidates into `stopped`.
                        for index in 0..<candidateCount { sink.state(index, .done(.timeLimit)) }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            sink.finishRemaining(Task.isCancelled ? .stopped : .failed("the backend ended without a result"))
        }
        continuation.onTermination = { _ in task.cancel() }
        return CandidateEventStream(stream) { sink.stop($0) }
    }
}
