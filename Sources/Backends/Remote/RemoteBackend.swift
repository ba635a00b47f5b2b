import Foundation
import NIOConcurrencyHelpers

/// A ``ContinuationBackend`` on a server: Ollama, an OpenAI-compatible
/// server (completions or chat), or llama.cpp's server.
///
/// N candidates are one request with `n = N` where the wire format has
/// `n` (OpenAI-compatible), else N concurrent requests. A server that
/// ignores `n` is detected during the first request and then sent N
/// requests; the backend remembers this for its later requests. Each
/// candidate from a separate request gets seed `seed + index`.
public struct RemoteBackend: ContinuationBackend {
    public let kind: BackendKind
    public let endpoint: RemoteEndpoint
    public let model: String
    private let wire: any WireFormat
    private let transport: HTTPTransport
    private let memory = ServerQuirks()

    /// - Parameters:
    ///   - apiKey: sent as `Authorization: Bearer`; never shown in messages.
    public init(kind: BackendKind, endpoint: RemoteEndpoint, model: String, apiKey: String? = nil,
                timeouts: Timeouts = Timeouts()) throws {
        guard let wire = kind.wire else {
            throw BackendError("the \(kind.rawValue) backend is not a remote server")
        }
        self.kind = kind
        self.endpoint = endpoint
        self.model = model
        self.wire = wire
        transport = HTTPTransport(endpoint: endpoint, timeouts: timeouts, apiKey: apiKey)
    }

    public var displayName: String {
        model.isEmpty ? "\(kind.rawValue) · \(endpoint.hostLabel)" : "\(kind.rawValue) · \(model)"
    }

    /// Whether this backend found that its server ignores `n > 1`.
    public var serverIgnoresChoiceCount: Bool { memory.ignoresChoiceCount }

    public func continuations(of request: ContinuationRequest) -> CandidateEventStream {
        CandidateStreamRunner.stream(candidateCount: request.candidateCount, timeLimit: request.stop.timeLimit) { sink in
            await generate(request, into: sink)
        }
    }

    /// The names of the models the server offers.
    public func listModels() async throws -> [String] {
        let data = try await transport.get(wire.modelsPath)
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw BackendError.malformed("the model list is not JSON")
        }
        return wire.modelNames(inListing: object)
    }

    // MARK: - Generation

    private func generate(_ request: ContinuationRequest, into sink: CandidateEventSink) async {
        // Time to first token counts from the writer's request, so a candidate
        // re-requested after the n-detection shows its real wait.
        let started = ContinuousClock.now
        let count = request.candidateCount
        guard wire.supportsChoiceCount, count > 1, !memory.ignoresChoiceCount else {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask { await stream(request, candidates: [index], started: started, into: sink) }
                }
            }
            return
        }
        let (ignored, signal) = AsyncStream.makeStream(of: Void.self)
        let memory = self.memory
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await stream(request, candidates: Array(0..<count), started: started, into: sink) {
                    memory.ignoresChoiceCount = true
                    signal.yield()
                }
                signal.finish()
            }
            for await _ in ignored {
                for index in 1..<count {
                    group.addTask { await stream(request, candidates: [index], started: started, into: sink) }
                }
                break
            }
            await group.waitForAll()
        }
    }

    /// One request serving `candidates` (one per choice), start to end. The
    /// request is closed as soon as every candidate it serves is final: a
    /// candidate with its own request (N requests, or a server that ignores
    /// `n`) is cancelled alone when the consumer stops it. One choice of an
    /// `n` request cannot be cancelled on the wire: its text is dropped, and
    /// the request closes when its last open choice is stopped.
    private func stream(_ request: ContinuationRequest, candidates: [Int], started: ContinuousClock.Instant,
                        into sink: CandidateEventSink, onChoicesIgnored: (@Sendable () -> Void)? = nil) async {
        await sink.serve(candidates) {
            await streamReply(request, candidates: candidates, started: started, into: sink, onChoicesIgnored: onChoicesIgnored)
        }
    }

    private func streamReply(_ request: ContinuationRequest, candidates: [Int], started: ContinuousClock.Instant,
                             into sink: CandidateEventSink, onChoicesIgnored: (@Sendable () -> Void)?) async {
        var router = ChoiceRouter(candidates: candidates, rules: request.stop, started: started, sink: sink,
                                  onChoicesIgnored: onChoicesIgnored)
        let seed = candidates.count == 1 ? request.sampling.seed(forCandidate: candidates[0]) : request.sampling.seed
        do {
            let object = wire.requestBody(for: request, model: model, choiceCount: candidates.count, seed: seed)
            let body = try JSONSerialization.data(withJSONObject: object)
            let reply = try await transport.postStreaming(wire.generatePath, json: body, accept: wire.framing.acceptHeader)
            for candidate in candidates { sink.state(candidate, .streaming) }
            var decoder = WireStreamDecoder(format: wire)
            reading: for try await chunk in reply {
                for event in try decoder.feed(chunk.readableBytesView) {
                    router.handle(redacted(event)) { decoder.flush(choice: $0) }
                    // Leaving the loop drops the body, which closes the connection.
                    if router.isComplete || router.openCandidates.allSatisfy(sink.isFinal) { break reading }
                }
            }
            if !router.isComplete {
                for event in try decoder.finish() { router.handle(redacted(event)) { decoder.flush(choice: $0) } }
            }
            if !router.isComplete, !Task.isCancelled {
                router.endAll(.failed(transport.explain(BackendError.streamCut(endpoint.hostLabel)).message))
            }
        } catch {
            if Task.isCancelled || error is CancellationError {
                router.endAll(.stopped)
            } else {
                router.endAll(.failed(transport.explain(error).message))
            }
        }
        if Task.isCancelled { router.endAll(.stopped) }
    }

    /// A server's in-stream error message may quote the request, key included.
    private func redacted(_ event: WireEvent) -> WireEvent {
        guard case .failure(let message) = event else { return event }
        return .failure(transport.explain(BackendError.server(message)).message)
    }
}

/// What a backend learned about its server, shared by its copies.
final class ServerQuirks: Sendable {
    private let ignoresN = NIOLockedValueBox(false)

    var ignoresChoiceCount: Bool {
        get { ignoresN.withLockedValue { $0 } }
        set { ignoresN.withLockedValue { $0 = newValue } }
    }
}
