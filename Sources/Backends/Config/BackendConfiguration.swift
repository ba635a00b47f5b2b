import Foundation

/// One backend section of the config file: which server, which model, how
/// long to wait, how to sample.
///
/// ```toml
/// [backends.gpu]
/// kind = "ollama"                  # embedded | ollama | openai | openai-chat | llamacpp
/// url = "http://127.0.0.1:11434"   # base URL; for openai kinds it ends in /v1
/// model = "llama3.2:3b"
/// api_key_env = "OLLAMA_API_KEY"   # the NAME of the variable holding the key
/// connect_timeout = 5              # seconds
/// read_timeout = 60                # seconds of silence before giving up
/// max_tokens = 96
/// stop = ["\n\n\n"]
/// time_limit = 60                  # seconds per request
/// [backends.gpu.sampling]
/// temperature = 0.8
/// top_k = 40
/// top_p = 0.95
/// min_p = 0.05
/// repeat_penalty = 1.1
/// presence_penalty = 0.0
/// frequency_penalty = 0.0
/// seed = 42
/// ```
public struct BackendConfiguration: Sendable, Equatable {
    /// The section's name (`gpu` above), or the kind's name for a flag-made one.
    public var name: String
    public var kind: BackendKind
    /// The base URL; nil means ``BackendKind/defaultURL`` (always loopback).
    public var url: String?
    /// The model name sent to the server (may be empty for single-model servers).
    public var model: String
    /// The name of the environment variable that holds the API key. The key
    /// itself is never written in the config file.
    public var apiKeyVariable: String?
    public var timeouts: Timeouts
    public var sampling: SamplingOptions
    public var maxTokens: Int?
    public var stopSequences: [String]
    public var timeLimit: Duration?

    public init(name: String, kind: BackendKind, url: String? = nil, model: String = "", apiKeyVariable: String? = nil,
                timeouts: Timeouts = Timeouts(), sampling: SamplingOptions = SamplingOptions(), maxTokens: Int? = nil,
                stopSequences: [String] = [], timeLimit: Duration? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.model = model
        self.apiKeyVariable = apiKeyVariable ?? Self.defaultAPIKeyVariable(for: kind)
        self.timeouts = timeouts
        self.sampling = sampling
        self.maxTokens = maxTokens
        self.stopSequences = stopSequences
        self.timeLimit = timeLimit
    }

    /// OPENAI_API_KEY for the OpenAI kinds; local servers usually need none.
    public static func defaultAPIKeyVariable(for kind: BackendKind) -> String? {
        switch kind {
        case .openai, .openaiChat: "OPENAI_API_KEY"
        case .embedded, .ollama, .llamacpp: nil
        }
    }

    /// The URL requests go to.
    public var effectiveURL: String? { url ?? kind.defaultURL }

    /// A remote backend for this configuration, with the API key read from
    /// `environment` (an empty variable counts as unset).
    public func makeRemoteBackend(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteBackend {
        guard let url = effectiveURL else {
            throw BackendError("the \(kind.rawValue) backend is not a remote server")
        }
        let key = apiKeyVariable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        return try RemoteBackend(kind: kind, endpoint: RemoteEndpoint(url), model: model, apiKey: key, timeouts: timeouts)
    }

    /// A request with this configuration's sampling and stop defaults.
    public func request(prompt: String, candidateCount: Int, direction: String? = nil) -> ContinuationRequest {
        ContinuationRequest(
            prompt: prompt, candidateCount: candidateCount, sampling: sampling,
            stop: StopRules(sequences: stopSequences, maxTokens: maxTokens ?? 128, timeLimit: timeLimit),
            direction: direction
        )
    }
}
