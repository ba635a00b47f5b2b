import Foundation
import Testing
@testable import Backends

/// The API key is sent to the server and appears nowhere else: not in
/// failure messages (even when the server echoes it back), not in a printed
/// or dumped backend.
@Suite struct APIKeySecrecyTests {
    static let key = "sk-intercut-test-4f9c2e71d0a8b3-SECRET"

    /// A server that echoes the Authorization header back in every way a reply can carry text.
    private func echoingServer() async throws -> FaultServer {
        try await FaultServer { request, number in
            let echoed = request.headers["authorization"] ?? "none"
            let padding = String(repeating: "x", count: 60)
            switch number % 5 {
            case 0: return [.reply(status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(echoed)"}}"#)]
            case 1: return [.reply(status: 500, contentType: "text/plain", body: "\(padding) \(echoed) trace")]
            case 2: return [.streamHead(), .chunk("data: {\"error\":{\"message\":\"bad key \(echoed)\"}}\n\n"), .endChunks]
            case 3: return [.streamHead(), .chunk("data: \(padding)\(echoed) not json\n\n"), .endChunks]
            default: return [.streamHead(contentType: "application/x-ndjson"), .chunk("{\"error\":\"\(echoed)\"}\n"), .endChunks]
            }
        }
    }

    @Test func failureMessagesNeverContainTheKey() async throws {
        let server = try await echoingServer()
        defer { Task { await server.shutdown() } }
        var messages: [String] = []
        for kind in [BackendKind.openai, .openaiChat, .llamacpp, .ollama] {
            let backend = try RemoteBackend.testing(kind, server, apiKey: Self.key)
            for _ in 0..<5 {
                let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 1)))
                messages.append(run.failure(0))
            }
        }
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.key)" })
        #expect(messages.allSatisfy { !$0.isEmpty })
        for message in messages {
            #expect(!message.contains(Self.key), "\(message)")
            #expect(!message.contains(String(Self.key.prefix(12))), "\(message)")
        }
        #expect(messages.contains { $0.contains(SecretRedactor.placeholder) })
    }

    @Test func aPrintedOrDumpedBackendDoesNotRevealTheKey() throws {
        let backend = try RemoteBackend(kind: .openai, endpoint: RemoteEndpoint("http://127.0.0.1:9/v1"), model: "m", apiKey: Self.key)
        var dumped = ""
        dump(backend, to: &dumped)
        for text in [String(describing: backend), String(reflecting: backend), dumped, backend.displayName] {
            #expect(!text.contains(Self.key))
        }
    }

    @Test func urlsWithCredentialsAreRefusedWithoutEchoingThem() {
        #expect(throws: BackendError.self) { try RemoteEndpoint("http://user:\(Self.key)@127.0.0.1:8080/v1") }
        do {
            _ = try RemoteEndpoint("http://user:\(Self.key)@127.0.0.1:8080/v1")
        } catch {
            #expect(!"\(error)".contains(Self.key))
        }
    }
}
