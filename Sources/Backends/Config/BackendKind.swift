/// The kinds of backend Intercut speaks to, by their config and flag names.
public enum BackendKind: String, Sendable, CaseIterable {
    /// The in-process GGUF engine (module Inference); no server.
    case embedded
    /// Ollama's `/api/generate`, raw.
    case ollama
    /// An OpenAI-compatible `/v1/completions` (vLLM, llama.cpp server, LM Studio, OpenAI…).
    case openai
    /// An OpenAI-compatible `/v1/chat/completions`, for chat-only models.
    case openaiChat = "openai-chat"
    /// llama.cpp server's native `/completion`.
    case llamacpp

    /// The base URL used when none is configured: always on this machine.
    public var defaultURL: String? {
        switch self {
        case .embedded: nil
        case .ollama: "http://127.0.0.1:11434"
        case .openai, .openaiChat: "http://127.0.0.1:8080/v1"
        case .llamacpp: "http://127.0.0.1:8080"
        }
    }

    var wire: (any WireFormat)? {
        switch self {
        case .embedded: nil
        case .ollama: OllamaWire()
        case .openai: OpenAICompletionsWire()
        case .openaiChat: OpenAIChatWire()
        case .llamacpp: LlamaCppWire()
        }
    }
}
