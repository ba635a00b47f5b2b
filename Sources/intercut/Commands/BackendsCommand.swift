import ArgumentParser
import Backends
import Foundation

/// `intercut backends`: see and check the configured model servers.
struct BackendsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backends",
        abstract: "List and check model backends: Ollama, OpenAI-compatible, llama.cpp server (e.g. intercut backends check --backend ollama).",
        subcommands: [BackendsCheckCommand.self, BackendsListCommand.self]
    )
}

/// Exit statuses of the backends commands.
enum BackendsExit {
    static let serverFailed: Int32 = 1
    static let badConfiguration: Int32 = 2
}

/// `intercut backends list`: the configured sections and the default.
struct BackendsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the backends in the config file.")

    @Option(name: .customLong("config"), help: "Config file (default: $XDG_CONFIG_HOME/intercut/config.toml).")
    var configPath: String?

    func run() async throws {
        let catalog: BackendCatalog
        do {
            catalog = try BackendConfigFile.loadCatalog(path: configPath)
        } catch {
            BackendConsole.error("intercut: \(error.message)")
            throw ExitCode(BackendsExit.badConfiguration)
        }
        let defaultName = catalog.defaultName ?? BackendKind.embedded.rawValue
        BackendConsole.line("default: \(defaultName)")
        for (name, section) in catalog.sections.sorted(by: { $0.key < $1.key }) {
            let url = section.effectiveURL.map { " \($0)" } ?? ""
            let model = section.model.isEmpty ? "" : " model=\(section.model)"
            BackendConsole.line("\(name): \(section.kind.rawValue)\(url)\(model)")
        }
        if catalog.sections.isEmpty {
            BackendConsole.line("(no [backends.NAME] sections in \(configPath ?? BackendConfigFile.defaultPath()))")
        }
    }
}

/// `intercut backends check`: connects to the selected server, lists its
/// models and streams one short continuation, with a clear one-line error
/// and a non-zero exit if any step fails.
struct BackendsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Connect to the selected backend, list its models and stream one short continuation."
    )

    @OptionGroup var backendOptions: BackendOptions

    @Option(name: .customLong("prompt"), help: "Text to continue (default: a short Fountain scene).")
    var prompt: String?

    @Option(name: .customLong("max-tokens"), help: "Length of the test continuation in tokens.")
    var maxTokens: Int = 24

    static let samplePrompt = """
        INT. VAULT - NIGHT

        Marlowe kneels at the dial. Vera holds the torch.

        MARLOWE
        Quiet. I'm listening.

        VERA
        """

    func validate() throws {
        guard maxTokens >= 1, maxTokens <= 4096 else { throw ValidationError("--max-tokens must be between 1 and 4096") }
    }

    func run() async throws {
        var selected: BackendConfiguration
        do {
            selected = try backendOptions.resolve()
        } catch {
            BackendConsole.error("intercut: \(error.message)")
            throw ExitCode(BackendsExit.badConfiguration)
        }
        guard selected.kind != .embedded else {
            BackendConsole.error("intercut: the selected backend is the embedded engine: nothing to check "
                + "(pass --backend ollama|openai|openai-chat|llamacpp or set [backends] default)")
            throw ExitCode(BackendsExit.badConfiguration)
        }
        var backend: RemoteBackend
        do {
            backend = try selected.makeRemoteBackend()
        } catch {
            BackendConsole.error("intercut: \(error)")
            throw ExitCode(BackendsExit.badConfiguration)
        }
        await PrivacyNotice.showOnce(for: backend.endpoint)
        let keyNote = selected.apiKeyVariable.map { variable in
            ProcessInfo.processInfo.environment[variable].map { $0.isEmpty ? ", $\(variable) empty" : ", key from $\(variable)" }
                ?? ", $\(variable) not set"
        } ?? ""
        BackendConsole.line("backend \(selected.name): \(selected.kind.rawValue) at \(backend.endpoint.baseURL)\(keyNote)")

        let models: [String]
        do {
            models = try await backend.listModels()
        } catch {
            BackendConsole.error("intercut: cannot list models: \(error)")
            throw ExitCode(BackendsExit.serverFailed)
        }
        BackendConsole.line("models: " + (models.isEmpty ? "(none listed)" : models.joined(separator: ", ")))
        if selected.model.isEmpty, let first = models.first, selected.kind != .llamacpp {
            selected.model = first
            backend = try selected.makeRemoteBackend()
            BackendConsole.line("model: \(first) (first listed; choose with --remote-model)")
        } else if !selected.model.isEmpty {
            BackendConsole.line("model: \(selected.model)" + (models.isEmpty || models.contains(selected.model) ? "" : " (not in the list above)"))
        }

        var request = selected.request(prompt: prompt ?? Self.samplePrompt, candidateCount: 1)
        request.stop.maxTokens = maxTokens
        BackendConsole.line("continuation:")
        var final: CandidateState?
        var progress: CandidateProgress?
        for await event in backend.continuations(of: request) {
            switch event.kind {
            case .text(let text):
                BackendConsole.write(text)
            case .progress(let update):
                progress = update
            case .state(let state) where state.isFinal:
                final = state
            case .state:
                break
            }
        }
        BackendConsole.line("")
        switch final {
        case .done(let reason)?:
            BackendConsole.line(Self.summary(reason: reason, progress: progress))
        case .failed(let message)?:
            BackendConsole.error("intercut: \(message)")
            throw ExitCode(BackendsExit.serverFailed)
        case .stopped?, .queued?, .streaming?, nil:
            BackendConsole.error("intercut: the stream ended without a result")
            throw ExitCode(BackendsExit.serverFailed)
        }
    }

    static func summary(reason: FinishReason, progress: CandidateProgress?) -> String {
        guard let progress else { return "ok (\(reason.rawValue))" }
        var parts = ["ok (\(reason.rawValue))", "\(progress.tokens) tokens"]
        if let first = progress.timeToFirstToken {
            parts.append(String(format: "first token %.0f ms", first.secondsDouble * 1000))
        }
        if let rate = progress.tokensPerSecond { parts.append(String(format: "%.1f tok/s", rate)) }
        return parts.joined(separator: ", ")
    }
}

extension Duration {
    fileprivate var secondsDouble: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
