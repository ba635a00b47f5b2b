import Testing
@testable import Backends

@Suite struct BackendCatalogTests {
    private let gpu: [String: ConfigValue] = [
        "kind": .string("ollama"), "url": .string("http://10.0.0.5:11434"), "model": .string("llama3.2:3b"),
        "api_key_env": .string("GPU_KEY"), "connect_timeout": .integer(3), "read_timeout": .double(90.5),
        "max_tokens": .integer(64), "stop": .array([.string("\n\n\n")]), "time_limit": .integer(30),
        "sampling": .table(["temperature": .double(0.8), "top_k": .integer(40), "min_p": .double(0.05), "seed": .integer(9)]),
    ]

    @Test func readsASectionAndTheDefault() throws {
        let catalog = try BackendCatalog(parsing: ["default": .string("gpu"), "gpu": .table(gpu)])
        let chosen = try catalog.resolve(name: nil)
        #expect(chosen.name == "gpu" && chosen.kind == .ollama && chosen.model == "llama3.2:3b")
        #expect(chosen.effectiveURL == "http://10.0.0.5:11434")
        #expect(chosen.apiKeyVariable == "GPU_KEY")
        #expect(chosen.timeouts == Timeouts(connect: .seconds(3), read: .milliseconds(90_500)))
        #expect(chosen.sampling == SamplingOptions(temperature: 0.8, topK: 40, minP: 0.05, seed: 9))
        let request = chosen.request(prompt: "p", candidateCount: 3)
        #expect(request.stop == StopRules(sequences: ["\n\n\n"], maxTokens: 64, timeLimit: .seconds(30)))
    }

    @Test func flagsOverrideTheSection() throws {
        let catalog = try BackendCatalog(parsing: ["gpu": .table(gpu)])
        let chosen = try catalog.resolve(name: "gpu", url: "http://127.0.0.1:1234", model: "other")
        #expect(chosen.effectiveURL == "http://127.0.0.1:1234" && chosen.model == "other" && chosen.kind == .ollama)
    }

    @Test func aKindNameWithoutASectionUsesLoopbackDefaults() throws {
        let catalog = BackendCatalog()
        #expect(try catalog.resolve(name: nil).kind == .embedded)
        let openai = try catalog.resolve(name: "openai")
        #expect(openai.effectiveURL == "http://127.0.0.1:8080/v1")
        #expect(openai.apiKeyVariable == "OPENAI_API_KEY")
        #expect(try catalog.resolve(name: "ollama").effectiveURL == "http://127.0.0.1:11434")
        #expect(throws: BackendError.self) { try catalog.resolve(name: "embedded", url: "http://127.0.0.1:1") }
        #expect(throws: BackendError.self) { try catalog.resolve(name: "gtp4") }
    }

    @Test func mistakesAreOneLineErrorsNamingTheKey() {
        let cases: [([String: ConfigValue], String)] = [
            (["gpu": .table(["kind": .string("olama")])], "kind = \"olama\""),
            (["gpu": .table(["url": .string("http://x")])], "needs kind"),
            (["gpu": .table(["kind": .string("openai"), "temprature": .double(1)])], "unknown key \"temprature\""),
            (["gpu": .table(["kind": .string("openai"), "sampling": .table(["topk": .integer(1)])])], "[backends.gpu.sampling] has an unknown key"),
            (["gpu": .table(["kind": .string("openai"), "max_tokens": .string("64")])], "max_tokens must be an integer, not a string"),
            (["gpu": .table(["kind": .string("openai"), "url": .string("localhost:8080")])], "invalid server URL"),
            (["gpu": .table(["kind": .string("openai"), "read_timeout": .integer(-1)])], "read_timeout must be between"),
            (["default": .string("nope")], "names no [backends.nope]"),
            (["gpu": .string("ollama")], "must be a table"),
        ]
        for (table, fragment) in cases {
            do {
                _ = try BackendCatalog(parsing: table)
                Issue.record("accepted \(table)")
            } catch {
                #expect(error.message.contains(fragment), "\(error.message)")
                #expect(!error.message.contains("\n"))
            }
        }
    }

    @Test func theAPIKeyComesFromTheNamedVariable() async throws {
        let server = try await FaultServer { _, _ in [.reply(status: 200, body: #"{"data":[]}"#)] }
        defer { Task { await server.shutdown() } }
        let named = BackendConfiguration(name: "x", kind: .openai, url: server.baseURL, apiKeyVariable: "MY_KEY")
        _ = try await named.makeRemoteBackend(environment: ["MY_KEY": "sk-abc", "OPENAI_API_KEY": "sk-other"]).listModels()
        let empty = BackendConfiguration(name: "y", kind: .openai, url: server.baseURL, apiKeyVariable: "MY_KEY")
        _ = try await empty.makeRemoteBackend(environment: ["MY_KEY": ""]).listModels()
        #expect(server.requests.map { $0.headers["authorization"] } == ["Bearer sk-abc", nil])
        #expect(throws: BackendError.self) { try BackendConfiguration(name: "e", kind: .embedded).makeRemoteBackend(environment: [:]) }
    }
}
