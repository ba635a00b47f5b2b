import Assistant
import Backends
import Foundation
import Inference
import Terminal

/// Builds the suggestion backend the config names — the embedded engine by
/// default, or a remote server from `[suggestions] backend` / `[backends]`
/// (the same catalog `intercut continue` reads) — off the UI thread, and
/// installs a ``SuggestionCoordinator`` into the bridge. When there is no
/// model or the config is wrong, the bridge is told why and editing goes on.
enum SuggestionBackendLoader {
    /// What the loader needs from the command line and config.
    struct Inputs: Sendable {
        var config: SuggestionConfig
        /// An explicit config path (`--config`), else the default location.
        var configPath: String?
        var scriptPath: String?
        var environment: [String: String]
    }

    /// Starts loading; the returned task ends once the bridge has a
    /// coordinator or knows why it cannot have one. `notice` shows a
    /// one-line message in the status bar (privacy note, log problem).
    @discardableResult
    static func start(_ inputs: Inputs, bridge: SuggestionBridge, notice: @escaping @Sendable (String) -> Void) -> Task<Void, Never> {
        Task.detached(priority: .userInitiated) {
            do {
                let (backend, style) = try await makeBackend(inputs, notice: notice, loading: bridge.showLoading)
                var settings = settings(from: inputs.config)
                settings.promptStyle = style
                var log: FeedbackLog?
                do {
                    log = try FeedbackLog(script: inputs.scriptPath)
                } catch {
                    notice("Feedback log: \(error); suggestions are not recorded")
                }
                bridge.install(SuggestionCoordinator(backend: backend, settings: settings, log: log))
            } catch let failure as LoadFailure {
                bridge.markUnavailable(failure.message)
            } catch {
                bridge.markUnavailable("Suggestions unavailable: \(error)")
            }
        }
    }

    struct LoadFailure: Error {
        let message: String
    }

    private static func makeBackend(_ inputs: Inputs, notice: @Sendable (String) -> Void,
                                    loading: @Sendable (String) -> Void) async throws -> (any ContinuationBackend, PromptStyle) {
        let selected: BackendConfiguration
        do {
            let catalog = try BackendConfigFile.loadCatalog(path: inputs.configPath)
            selected = try catalog.resolve(name: inputs.config.backend)
        } catch {
            throw LoadFailure(message: "Suggestions: \(error.message)")
        }
        if selected.kind != .embedded {
            do {
                let remote = try selected.makeRemoteBackend(environment: inputs.environment)
                if let privacy = remote.endpoint.privacyNotice { notice(privacy) }
                return (remote, selected.kind == .openaiChat ? .chat : .completion)
            } catch {
                throw LoadFailure(message: "Suggestions: \(error)")
            }
        }
        let model: ModelLocator.Resolution
        do {
            model = try ModelLocator.locate(explicitPath: nil, environment: inputs.environment)
        } catch ModelLocatorError.notFound(let resolution) where resolution.source == .cache {
            throw LoadFailure(message: "No model installed: run `intercut model install` (or set INTERCUT_MODEL) for suggestions")
        } catch {
            throw LoadFailure(message: "No model for suggestions: \(error)")
        }
        loading("loading \(URL(fileURLWithPath: model.path).deletingPathExtension().lastPathComponent)…")
        do {
            return (try await EmbeddedBackend.load(modelPath: model.path), .completion)
        } catch {
            throw LoadFailure(message: "Cannot load the model \(model.path): \(error)")
        }
    }

    /// The assistant's settings: its defaults, overridden by what config.toml sets.
    static func settings(from config: SuggestionConfig) -> SuggestionSettings {
        var settings = SuggestionSettings()
        if let count = config.count { settings.count = count }
        if let maxTokens = config.maxTokens { settings.maxTokens = maxTokens }
        if let temperature = config.temperature { settings.temperature = temperature }
        if let topP = config.topP { settings.topP = topP }
        if let stopAtBeat = config.stopAtBeat { settings.stopAtBeat = stopAtBeat }
        if let stopAtScene = config.stopAtScene { settings.stopAtScene = stopAtScene }
        if let regenerate = config.regenerateOnReject { settings.regenerateOnReject = regenerate }
        if let budget = config.contextTokens { settings.contextBudget = budget }
        return settings
    }
}
