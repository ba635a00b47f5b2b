import Backends
import Synchronization

/// Forwards to a real backend and keeps each request's raw candidate texts
/// and sampling, so a test can see what the model produced before the
/// coordinator filtered it.
final class RecordingBackend: TokenizingBackend {
    let inner: any TokenizingBackend
    private let runs = Mutex<[(request: ContinuationRequest, texts: [String])]>([])

    init(_ inner: any TokenizingBackend) { self.inner = inner }

    var displayName: String { inner.displayName }
    var contextLength: Int { inner.contextLength }
    func tokenCount(of text: String) -> Int { inner.tokenCount(of: text) }
    func tokens(of text: String) -> [BackendToken] { inner.tokens(of: text) }

    /// Requests so far with their raw texts.
    var recorded: [(request: ContinuationRequest, texts: [String])] { runs.withLock { $0 } }

    func continuations(of request: ContinuationRequest) -> CandidateEventStream {
        let slot = runs.withLock { runs -> Int in
            runs.append((request, Array(repeating: "", count: request.candidateCount)))
            return runs.count - 1
        }
        let upstream = inner.continuations(of: request)
        let (stream, continuation) = AsyncStream<CandidateEvent>.makeStream()
        let task = Task { [self] in
            for await event in upstream {
                if case .text(let text) = event.kind { self.runs.withLock { $0[slot].texts[event.candidate] += text } }
                continuation.yield(event)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return CandidateEventStream(stream) { upstream.stop(candidate: $0) }
    }
}
