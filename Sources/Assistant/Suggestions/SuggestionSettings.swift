import Backends

/// The `[suggestions]` section of config.toml, as the coordinator uses it.
public struct SuggestionSettings: Sendable, Equatable {
    /// Candidates per request.
    public var count: Int
    /// Tokens per candidate at most.
    public var maxTokens: Int
    public var temperature: Double
    public var topP: Double
    /// Stop a candidate at the end of the beat (see ``BeatCutter``).
    public var stopAtBeat: Bool
    /// Stop a candidate before a new scene heading.
    public var stopAtScene: Bool
    /// A slot whose candidate was rejected, or dropped as a duplicate or a
    /// repeat of a rejected line, is filled again by a new candidate.
    public var regenerateOnReject: Bool
    /// Prompt tokens at most (counted exactly for the embedded engine,
    /// estimated for remote servers; see ``TokenBudget``).
    public var contextBudget: Int
    /// How the writer's direction reaches the model.
    public var promptStyle: PromptStyle
    /// Base seed for reproducible sessions; nil draws one per session.
    public var seed: Int?
    /// How rejections bias tokens.
    public var steering: SteeringSettings

    public init(count: Int = 3, maxTokens: Int = 96, temperature: Double = 0.8, topP: Double = 0.95,
                stopAtBeat: Bool = true, stopAtScene: Bool = true, regenerateOnReject: Bool = true,
                contextBudget: Int = 2048, promptStyle: PromptStyle = .completion, seed: Int? = nil,
                steering: SteeringSettings = SteeringSettings()) {
        self.count = max(1, count)
        self.maxTokens = max(1, maxTokens)
        self.temperature = temperature
        self.topP = topP
        self.stopAtBeat = stopAtBeat
        self.stopAtScene = stopAtScene
        self.regenerateOnReject = regenerateOnReject
        self.contextBudget = max(64, contextBudget)
        self.promptStyle = promptStyle
        self.seed = seed
        self.steering = steering
    }
}

/// How the prompt carries the writer's direction.
public enum PromptStyle: String, Sendable, Equatable {
    /// A base (completion) model: the direction is a Fountain note `[[…]]`
    /// just before the cursor; the model continues the script.
    case completion
    /// A chat model: the direction goes in `ContinuationRequest.direction`,
    /// which the chat backend turns into its instruction.
    case chat
}

extension PromptStyle {
    /// Chat for a chat-completions backend, completion for every other.
    public init(kind: BackendKind) {
        self = kind == .openaiChat ? .chat : .completion
    }
}
