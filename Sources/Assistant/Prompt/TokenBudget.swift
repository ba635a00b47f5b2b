import Backends

/// Counts prompt tokens for the context budget: exactly with the backend's
/// own tokenizer when it has one (the embedded engine), else an estimate.
///
/// The estimate is one token per 3 characters. English prose averages about
/// 4 characters per token with common BPE and SentencePiece vocabularies;
/// screenplays have many short all-caps lines (cues, headings) that split
/// into more tokens, so 3 errs on the safe side: a remote prompt may use a
/// little less of the context than it could, never more.
public struct TokenBudget: Sendable {
    private let tokenizer: (any TokenizingBackend)?

    /// Counts with `backend`'s tokenizer if it is a ``TokenizingBackend``.
    public init(backend: any ContinuationBackend) {
        tokenizer = backend as? any TokenizingBackend
    }

    /// Always estimates.
    public static let estimate = TokenBudget(tokenizer: nil)

    private init(tokenizer: (any TokenizingBackend)?) {
        self.tokenizer = tokenizer
    }

    /// Whether counts are exact.
    public var isExact: Bool { tokenizer != nil }

    /// Tokens of `text` as part of a longer prompt (no BOS).
    public func count(_ text: String) -> Int {
        if let tokenizer { return tokenizer.tokenCount(of: text) }
        return (text.unicodeScalars.count + 2) / 3
    }

    /// The backend's context length, when known.
    var contextLength: Int? { tokenizer?.contextLength }
}
