import Foundation
import Testing

/// `intercut backends check|list` as a user runs them: clear one-line
/// errors, exit statuses, config selection, and no API key in any output.
@Suite struct BackendsCommandTests {
    /// Port 1 on loopback: nothing listens there, so connecting is refused at once.
    static let refusedURL = "http://127.0.0.1:1"

    private func withConfig(_ toml: String, _ body: ([String: String]) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("intercut"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try toml.write(to: directory.appendingPathComponent("intercut/config.toml"), atomically: true, encoding: .utf8)
        try body(["XDG_CONFIG_HOME": directory.path])
    }

    private func stderrLines(_ result: CLIRunner.Result) -> [Substring] {
        result.stderr.split(separator: "\n")
    }

    @Test func aRefusedConnectionIsOneLineAndExitStatusOne() throws {
        let result = try CLIRunner.run(["backends", "check", "--backend", "ollama", "--url", Self.refusedURL])
        #expect(result.exitCode == 1)
        #expect(stderrLines(result).count == 1)
        #expect(result.stderr.contains("127.0.0.1:1") && result.stderr.contains("connection refused"))
    }

    @Test func theAPIKeyAppearsInNoOutput() throws {
        let key = "sk-cli-test-9d2b7a1c55e0-SECRET"
        for kind in ["openai", "openai-chat"] {
            let result = try CLIRunner.run(["backends", "check", "--backend", kind, "--url", Self.refusedURL + "/v1"],
                                           environment: ["OPENAI_API_KEY": key])
            #expect(result.exitCode == 1)
            #expect(result.stdout.contains("key from $OPENAI_API_KEY"))
            #expect(!result.stdout.contains(key) && !result.stderr.contains(key))
        }
    }

    @Test func aRemoteHostGetsTheNoticeOnce() throws {
        let result = try CLIRunner.run(["backends", "check", "--backend", "openai", "--url", "http://intercut-test-host.invalid:8080/v1"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.components(separatedBy: "is not on this machine").count == 2)
        #expect(result.stderr.contains("cannot resolve host intercut-test-host.invalid"))
    }

    @Test func theConfiguredDefaultIsUsedAndListed() throws {
        let toml = """
            [backends]
            default = "box"

            [backends.box]
            kind = "openai"
            url = "\(Self.refusedURL)/v1"
            model = "gemma"
            [backends.box.sampling]
            temperature = 0.7
            """
        try withConfig(toml) { environment in
            let list = try CLIRunner.run(["backends", "list"], environment: environment)
            #expect(list.exitCode == 0)
            #expect(list.stdout.contains("default: box"))
            #expect(list.stdout.contains("box: openai \(Self.refusedURL)/v1 model=gemma"))
            let check = try CLIRunner.run(["backends", "check"], environment: environment)
            #expect(check.exitCode == 1)
            #expect(check.stdout.contains("backend box: openai at \(Self.refusedURL)/v1"))
            #expect(check.stderr.contains("connection refused"))
        }
    }

    @Test func configMistakesExitTwoNamingTheKey() throws {
        try withConfig("[backends.box]\nkind = \"openai\"\ntemprature = 0.7\n") { environment in
            let result = try CLIRunner.run(["backends", "check"], environment: environment)
            #expect(result.exitCode == 2)
            #expect(stderrLines(result).count == 1)
            #expect(result.stderr.contains("unknown key \"temprature\""))
        }
        try withConfig("[backends\nkind = ") { environment in
            let result = try CLIRunner.run(["backends", "list"], environment: environment)
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains("config.toml"))
        }
    }

    @Test func unknownBackendsAndTheEmbeddedEngineAreUsageErrors() throws {
        let unknown = try CLIRunner.run(["backends", "check", "--backend", "gpt5"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("unknown backend \"gpt5\""))
        let embedded = try CLIRunner.run(["backends", "check", "--backend", "embedded"])
        #expect(embedded.exitCode == 2)
        #expect(embedded.stderr.contains("embedded engine"))
    }
}
