import Foundation
import Testing
@testable import Backends

/// Each wire format against the fault server playing a well-behaved server.
@Suite struct RemoteBackendStreamingTests {
    @Test func openAICompletionsRoutesChoicesByIndexInOneRequest() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.completion(1, "B1"), WireChunks.completion(0, "A1"), WireChunks.completion(2, "C1"),
             WireChunks.completion(0, " A2", finish: "stop"), WireChunks.completion(2, " C2", finish: "length"),
             WireChunks.completion(1, " B2", finish: "stop"), WireChunks.done, .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openai, server, path: "/v1")
        let request = ContinuationRequest(prompt: "INT. VAULT", candidateCount: 3,
                                          sampling: SamplingOptions(temperature: 0.7, seed: 5, logitBias: [42: -5]))
        let run = await CollectedRun.collect(backend.continuations(of: request))
        #expect(run.text(0) == "A1 A2")
        #expect(run.text(1) == "B1 B2")
        #expect(run.text(2) == "C1 C2")
        #expect(run.finalState(2) == .done(.length))
        #expect(run.states[0] == [.queued, .streaming, .done(.stop)])
        #expect(server.requests.count == 1)
        let body = try #require(server.requests.first?.json)
        #expect(server.requests.first?.path == "/v1/completions")
        #expect(body["n"] as? Int == 3)
        #expect(body["stream"] as? Bool == true)
        #expect(body["prompt"] as? String == "INT. VAULT")
        #expect(body["seed"] as? Int == 5)
        #expect((body["logit_bias"] as? [String: Any])?["42"] as? Double == -5)
        #expect(!backend.serverIgnoresChoiceCount)
    }

    @Test func aServerThatIgnoresNStillYieldsNCandidates() async throws {
        let server = try await FaultServer { request, number in
            let tag = "r\(number)"
            return [.streamHead()] + (0..<10).map { WireChunks.completion(0, " \(tag)-\($0)") }
                + [WireChunks.completion(0, ".", finish: "stop"), WireChunks.done, .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openai, server)
        let request = ContinuationRequest(prompt: "x", candidateCount: 3, sampling: SamplingOptions(seed: 10))
        let run = await CollectedRun.collect(backend.continuations(of: request))
        for candidate in 0..<3 { #expect(run.finalState(candidate) == .done(.stop)) }
        #expect(Set((0..<3).map { run.text($0) }).count == 3, "each candidate from its own request")
        #expect(backend.serverIgnoresChoiceCount)
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests[0].json?["n"] as? Int == 3)
        #expect(Set(requests.dropFirst().map { $0.json?["n"] == nil }) == [true])
        #expect(Set(requests.dropFirst().compactMap { $0.json?["seed"] as? Int }) == [11, 12])

        // The backend remembers: the next request fans out from the start.
        let again = await CollectedRun.collect(backend.continuations(of: request))
        #expect((0..<3).allSatisfy { again.finalState($0) == .done(.stop) })
        #expect(server.requests.count == 6)
        #expect(server.requests[3...].allSatisfy { $0.json?["n"] == nil })
    }

    @Test func aShortSoloReplyAlsoRevealsThatNWasIgnored() async throws {
        let server = try await FaultServer { _, number in
            [.streamHead(), WireChunks.chat(0, "R\(number)"), WireChunks.chat(0, "", finish: "stop"), WireChunks.done, .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openaiChat, server)
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(prompt: "x", candidateCount: 2)))
        #expect(run.text(0) == "R0")
        #expect(run.text(1) == "R1")
        #expect(run.finalState(1) == .done(.stop))
        #expect(server.requests.count == 2)
    }

    @Test func chatRepliesAreCleanedAndTheDirectionIsSent() async throws {
        let pieces = ["Sure", "! Here's the continuation:\n", "\n```", "fountain\n", "VERA\n", "We go", " now.\n", "``", "`\nHope", " this helps!"]
        let server = try await FaultServer { _, _ in
            [.streamHead()] + pieces.map { WireChunks.chat(0, $0) } + [WireChunks.chat(0, "", finish: "stop"), WireChunks.done, .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openaiChat, server, path: "/v1")
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "INT. VAULT - NIGHT\n\n", candidateCount: 1, direction: "Vera lies")))
        #expect(run.text(0) == "VERA\nWe go now.\n")
        #expect(run.finalState(0) == .done(.stop))
        let body = try #require(server.requests.first?.json)
        #expect(server.requests.first?.path == "/v1/chat/completions")
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user"])
        #expect(messages[0]["content"]?.contains("Fountain") == true)
        #expect(messages[0]["content"]?.contains("Vera lies") == true)
        #expect(messages[1]["content"] == "INT. VAULT - NIGHT\n\n")
    }

    @Test func chatTextHeldByTheCleanerIsKeptAtMaxTokens() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.chat(0, "VERA"), WireChunks.chat(0, " runs"), WireChunks.chat(0, " off."), .pause(.seconds(30))]
        }
        defer { Task { await server.shutdown() } }
        let run = await CollectedRun.collect(try RemoteBackend.testing(.openaiChat, server).continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 1, stop: StopRules(sequences: [" off"], maxTokens: 2))))
        #expect(run.text(0) == "VERA runs")
        #expect(run.finalState(0) == .done(.length))
        #expect(await server.allConnectionsClosed())
    }

    @Test func ollamaSendsOneRawRequestPerCandidateWithDistinctSeeds() async throws {
        let server = try await FaultServer { request, number in
            [.streamHead(contentType: "application/x-ndjson"), WireChunks.ollama("VERA"), WireChunks.ollama("\n"),
             WireChunks.ollama("Run \(number)."), WireChunks.ollama("", done: true, reason: "length"), .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.ollama, server)
        let request = ContinuationRequest(prompt: "x", candidateCount: 3, sampling: SamplingOptions(temperature: 0.9, topK: 40, seed: 7),
                                          stop: StopRules(sequences: ["\n\n"], maxTokens: 50))
        let run = await CollectedRun.collect(backend.continuations(of: request))
        for candidate in 0..<3 {
            #expect(run.text(candidate).hasPrefix("VERA\nRun "))
            #expect(run.finalState(candidate) == .done(.length))
        }
        let bodies = server.requests.compactMap(\.json)
        #expect(bodies.count == 3)
        #expect(server.requests.allSatisfy { $0.path == "/api/generate" })
        #expect(bodies.allSatisfy { $0["raw"] as? Bool == true && $0["model"] as? String == "test-model" })
        let options = bodies.compactMap { $0["options"] as? [String: Any] }
        #expect(Set(options.compactMap { $0["seed"] as? Int }) == [7, 8, 9])
        #expect(options.allSatisfy { $0["num_predict"] as? Int == 50 && $0["top_k"] as? Int == 40 })
        #expect(options.allSatisfy { $0["stop"] as? [String] == ["\n\n"] })
    }

    @Test func llamaCppEndsOnStopTrueAndAsksForPromptCaching() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.llamaCpp("MAR"), WireChunks.llamaCpp("LOWE"),
             WireChunks.llamaCpp("", stop: true, type: "limit"), .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.llamacpp, server)
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 2, sampling: SamplingOptions(minP: 0.05, logitBias: [7: -2]))))
        #expect(run.text(0) == "MARLOWE" && run.text(1) == "MARLOWE")
        #expect(run.finalState(0) == .done(.length))
        let body = try #require(server.requests.first?.json)
        #expect(server.requests.first?.path == "/completion")
        #expect(body["cache_prompt"] as? Bool == true)
        #expect(body["n_predict"] as? Int == 128)
        #expect(body["min_p"] as? Double == 0.05)
        #expect((body["logit_bias"] as? [[Double]]) == [[7, -2]])
    }

    @Test func clientSideStopSequenceEndsTheCandidateAndClosesTheConnection() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), WireChunks.completion(0, "We go."), WireChunks.completion(0, "\n"),
             .repeating(count: 2000, [WireChunks.completion(0, "\nmore"), .pause(.milliseconds(5))])]
        }
        defer { Task { await server.shutdown() } }
        let backend = try RemoteBackend.testing(.openai, server)
        let run = await CollectedRun.collect(backend.continuations(of: ContinuationRequest(
            prompt: "x", candidateCount: 1, stop: StopRules(sequences: ["\n\n"]))))
        #expect(run.text(0) == "We go.")
        #expect(run.finalState(0) == .done(.stop))
        #expect(await server.allConnectionsClosed())
    }

    @Test func keepAlivePingsAndCRLFFramingAreTolerated() async throws {
        let server = try await FaultServer { _, _ in
            [.streamHead(), .chunk(": ping - 2026-11-24\r\n\r\n"),
             .chunk("event: message\r\nid: 1\r\ndata: {\"choices\":[{\"index\":0,\"text\":\"Ve\"}]}\r\n\r\n"),
             .chunk(": ping\r\n\r\ndata: {\"choices\":[{\"index\":0,\"text\":\"ra\",\"finish_reason\":\"stop\"}]}\r\n\r\n"),
             .chunk("data: [DONE]\r\n\r\n"), .endChunks]
        }
        defer { Task { await server.shutdown() } }
        let run = await CollectedRun.collect(try RemoteBackend.testing(.openai, server).continuations(of: ContinuationRequest(prompt: "x", candidateCount: 1)))
        #expect(run.text(0) == "Vera")
        #expect(run.finalState(0) == .done(.stop))
    }

    @Test func listsModels() async throws {
        let server = try await FaultServer { request, _ in
            switch request.path {
            case "/v1/models": [.reply(status: 200, body: #"{"object":"list","data":[{"id":"gemma"},{"id":"qwen"}]}"#)]
            case "/api/tags": [.reply(status: 200, body: #"{"models":[{"name":"llama3.2:1b"}]}"#)]
            default: [.reply(status: 404, body: "")]
            }
        }
        defer { Task { await server.shutdown() } }
        #expect(try await RemoteBackend.testing(.openai, server, path: "/v1").listModels() == ["gemma", "qwen"])
        #expect(try await RemoteBackend.testing(.ollama, server).listModels() == ["llama3.2:1b"])
        #expect(try await RemoteBackend.testing(.llamacpp, server).listModels() == ["gemma", "qwen"])
    }
}
