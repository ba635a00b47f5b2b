/// A backend that can tokenize text with its model's vocabulary, which makes
/// exact prompt budgets and logit bias by token id possible. The embedded
/// engine is one; remote servers are not (their prompts are estimated and
/// their bias is left out).
public protocol TokenizingBackend: ContinuationBackend {
    /// The model's context in tokens (prompt plus all candidates' tokens).
    var contextLength: Int { get }
    /// Tokens of `text` as part of a longer prompt (no BOS).
    func tokenCount(of text: String) -> Int
    /// Token ids of `text` (no BOS) with each token's text, for steering.
    func tokens(of text: String) -> [BackendToken]
}

/// One token of a ``TokenizingBackend``'s vocabulary.
public struct BackendToken: Sendable, Hashable {
    /// The id `SamplingOptions.logitBias` takes.
    public var id: Int
    /// The token's text (SentencePiece's "▁" shown as a space).
    public var text: String

    public init(id: Int, text: String) {
        self.id = id
        self.text = text
    }
}
