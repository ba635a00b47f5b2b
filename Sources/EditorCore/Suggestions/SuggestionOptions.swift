/// The pane's settings from config.toml `[suggestions]` (the glue fills them).
public struct SuggestionOptions: Sendable, Equatable {
    /// Candidates per request.
    public var count: Int
    /// A rejected candidate's slot generates a new one.
    public var regenerateOnReject: Bool

    public init(count: Int = 3, regenerateOnReject: Bool = true) {
        self.count = max(1, min(16, count))
        self.regenerateOnReject = regenerateOnReject
    }
}
