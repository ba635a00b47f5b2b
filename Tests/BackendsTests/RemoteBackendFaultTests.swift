import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import Backends

/// Every fault a server can produce ends in a clear, one-line failed state;
/// nothing hangs, and no connection is left open.
@Suite struct RemoteBackendFaultTests {
    private func run(_ backend: RemoteBackend, candidates: Int = 1, stop: StopRules = StopRules()) async -> CollectedRun {
        await CollectedRun.collect(backend.continuations(of: ContinuationRequest(prompt: "INT. VAULT", candidateCount: candidates, stop: stop)))
    }

    private func expectOneLineFailure(_ run: CollectedRun, candidates: Int = 1, containing fragment: String,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        for candidate in 0..<candidates {
            let message = run.failure(candidate)
            #expect(message.contains(fragment), "candidate \(candidate): \(run.finalState(candidate).map { "\($0)" } ?? "no final state")",
                    sourceLocation: sourceLocation)
            #expect(!message.contains("\n"), sourceLocation: sourceLocation)
            #expect(message.count <= 240, sourceLocation: sourceLocation)
        }
    }

    @Test func connectionRefused() async throws {
        let server = try await FaultServer { _, _ in [] }
        let url = server.baseURL
        await server.shutdown()
        let backend = try RemoteBackend(kind: .openai, endpoint: RemoteEndpoint(url), model: "m")
        let result = await run(backend, candidates: 3)
        expectOneLineFailure(result, candidates: 3, containing: "connection refused")
    }

    @Test func unknownHost() async throws {
        let backend = try RemoteBackend(kind: .ollama, endpoint: RemoteEndpoint("http://intercut-no-such-host.invalid:11434"),
                                        model: "m", timeouts: Timeouts(connect: .seconds(3)))
        expectOneLineFailure(await run(backend), containing: "intercut-no-such-host.invalid")
    }

    @Test func tlsToAPlainServer() async throws {
        let server = try await FaultServer { _, _ in [] }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend(kind: .openai, endpoint: RemoteEndpoint("https://127.0.0.1:\(server.port)/v1"), model: "m",
                                        timeouts: Timeouts(connect: .seconds(2), read: .seconds(2)))
        expectOneLineFailure(await run(backend), containing: "TLS")
        #expect(await server.allConnectionsClosed())
    }

    @Test func errorStatusWithAnOpenAIErrorBody() async throws {
        let server = try await FaultServer { _, _ in
            [.reply(status: 404, body: #"{"error":{"message":"The model `nope` does not exist","type":"invalid_request_error"}}"#)]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server), candidates: 2)
        expectOneLineFailure(result, candidates: 2, containing: "HTTP 404 Not Found for /completions: The model `nope` does not exist (check the URL")
    }

    @Test func errorStatusWithAnOllamaErrorBody() async throws {
        let server = try await FaultServer { _, _ in [.reply(status: 400, body: #"{"error":"model 'x' not found, try pulling it first"}"#)] }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.ollama, server)), containing: "HTTP 400 Bad Request: model 'x' not found")
    }

    @Test func serverErrorWithoutABody() async throws {
        let server = try await FaultServer { _, _ in [.reply(status: 500, body: "")] }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.llamacpp, server)), containing: "HTTP 500 Internal Server Error with no explanation")
    }

    @Test func serviceUnavailableWithAPlainTextBody() async throws {
        let server = try await FaultServer { _, _ in [.reply(status: 503, contentType: "text/plain", body: "loading model\nplease wait")] }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.openai, server)), containing: "HTTP 503 Service Unavailable: loading model")
    }

    @Test func errorInsideTheStream() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.completion(0, "VERA"), .chunk("data: {\"error\":{\"message\":\"context overflow\"}}\n\n"), .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server))
        expectOneLineFailure(result, containing: "context overflow")
        #expect(result.text(0) == "VERA")
    }

    @Test func streamCutMidToken() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.completion(0, "MAR"), .raw("100\r\ndata: {\"choices\":[{\"index\":0,\"te"), .close]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server))
        #expect(result.text(0) == "MAR")
        expectOneLineFailure(result, containing: "127.0.0.1:\(server.port)")
    }

    @Test func streamEndingCleanlyButEarly() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(contentType: "application/x-ndjson"), WireChunks.ollama("VERA"), .endChunks]
        }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.ollama, server)), containing: "ended before the reply was complete")
    }

    @Test func malformedJSON() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.completion(0, "ok"), .chunk("data: {\"choices\": [oops\n\n"), .pause(.seconds(30))]
        }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.openai, server)), containing: "malformed reply")
        #expect(await server.allConnectionsClosed())
    }

    @Test func malformedNDJSONLine() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(contentType: "application/x-ndjson"), .chunk("<html>gateway error</html>\n"), .pause(.seconds(30))]
        }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.ollama, server)), containing: "malformed reply")
        #expect(await server.allConnectionsClosed())
    }

    @Test func anEndlessLineIsCapped() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), .chunk("data: "), .repeating(count: 400, [.chunk(String(repeating: "x", count: 1024))]), .pause(.seconds(30))]
        }
        defer { Task { await server.shutdown() } }
        expectOneLineFailure(await run(try .testing(.llamacpp, server)), containing: "longer than 256 KiB")
        #expect(await server.allConnectionsClosed())
    }

    @Test func noReplyWithinTheReadTimeout() async throws {
        let server = try await FaultServer { _, _ in [.pause(.seconds(30))] }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server, read: .milliseconds(300)), candidates: 2)
        expectOneLineFailure(result, candidates: 2, containing: "no data from 127.0.0.1:\(server.port) for 0.3 s")
        #expect(await server.allConnectionsClosed())
    }

    @Test func silenceMidStreamHitsTheReadTimeout() async throws {
        let server = try await FaultServer { _, _ in [.streamHead(), WireChunks.llamaCpp("VERA"), .pause(.seconds(30))] }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.llamacpp, server, read: .seconds(2)))
        expectOneLineFailure(result, containing: "no data from")
        #expect(result.text(0) == "VERA")
        #expect(await server.allConnectionsClosed())
    }

    @Test func anEndlessStreamIsBoundedByMaxTokens() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(contentType: "application/x-ndjson"), .repeating(count: 100_000, [WireChunks.ollama("la "), .pause(.milliseconds(1))])]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.ollama, server), candidates: 2, stop: StopRules(maxTokens: 20))
        for candidate in 0..<2 {
            #expect(result.finalState(candidate) == .done(.length))
            #expect(result.text(candidate) == String(repeating: "la ", count: 20))
        }
        #expect(await server.allConnectionsClosed())
    }

    @Test func anEndlessStreamIsBoundedByTheTimeLimit() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), .repeating(count: 100_000, [WireChunks.completion(0, "la "), .pause(.milliseconds(20))])]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server), stop: StopRules(maxTokens: 1_000_000, timeLimit: .seconds(2)))
        #expect(result.finalState(0) == .done(.timeLimit))
        #expect(result.text(0).hasPrefix("la "))
        #expect(await server.allConnectionsClosed())
    }

    @Test func aSlowTrickleWithinTheReadTimeoutCompletes() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead()] + (0..<4).flatMap { [.pause(.milliseconds(150)), WireChunks.completion(0, "\($0)")] }
                + [.pause(.milliseconds(150)), WireChunks.completion(0, "", finish: "stop"), WireChunks.done, .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let result = await run(try .testing(.openai, server, read: .seconds(10)))
        #expect(result.text(0) == "0123")
        #expect(result.finalState(0) == .done(.stop))
    }

    private func tickingServer() async throws -> FaultServer {
        try await FaultServer { _, _ in
            [.streamHead(), .repeating(count: 100_000, [WireChunks.completion(0, "tick "), .pause(.milliseconds(10))])]
        }
    }

    @Test func cancellingTheConsumingTaskClosesEveryConnection() async throws {
        let server = try await tickingServer()
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openai, server)
        let stream = backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 3, stop: StopRules(maxTokens: 1_000_000)))
        let consumer = Task {
            var texts = 0
            for await event in stream {
                if case .text = event.kind { texts += 1 }
                if texts == 30 { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return texts
        }
        #expect(await consumer.value >= 30)
        #expect(server.connectionsOpened == 3)
        #expect(await server.allConnectionsClosed())
    }

    @Test func stoppingOneCandidateClosesOnlyItsConnection() async throws {
        let server = try await tickingServer()
        defer { Task { await server.shutdown() } }
        // The server streams choice 0 only (it ignores `n`): candidates 1 and 2 get requests of their own.
        let backend = try RemoteBackend.testing(.openai, server)
        let stream = backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 3, stop: StopRules(maxTokens: 1_000_000)))
        let texts = NIOLockedValueBox([0, 0, 0])
        let consumer = Task {
            var states: [Int: [CandidateState]] = [:]
            for await event in stream {
                switch event.kind {
                case .text: texts.withLockedValue { $0[event.candidate] += 1 }
                case .state(let state): states[event.candidate, default: []].append(state)
                case .progress: break
                }
            }
            return states
        }
        func waitFor(_ condition: () -> Bool) async {
            let deadline = ContinuousClock.now + .seconds(20)
            while !condition(), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        }
        await waitFor { texts.withLockedValue { $0.allSatisfy { $0 >= 5 } } }
        stream.stop(candidate: 1)
        await waitFor { server.openConnections == 2 }
        #expect(server.openConnections == 2, "candidate 1's connection closed, the others' still open")
        let before = texts.withLockedValue { $0 }
        await waitFor { texts.withLockedValue { $0[0] > before[0] + 5 && $0[2] > before[2] + 5 } }
        let after = texts.withLockedValue { $0 }
        #expect(after[0] > before[0] + 5 && after[2] > before[2] + 5, "the others go on streaming")
        #expect(after[1] == before[1], "nothing more of the stopped candidate")
        consumer.cancel()
        let states = await consumer.value
        #expect(states[1]?.last == .stopped)
        #expect(server.connectionsOpened == 3)
        #expect(await server.allConnectionsClosed())
    }

    @Test func droppingTheStreamClosesEveryConnection() async throws {
        let server = try await tickingServer()
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openai, server)
        await Task {
            let stream = backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 2, stop: StopRules(maxTokens: 1_000_000)))
            var texts = 0
            for await event in stream {
                if case .text = event.kind { texts += 1 }
                if texts == 20 { break }
            }
        }.value
        #expect(server.connectionsOpened == 2)
        #expect(await server.allConnectionsClosed())
    }
}
