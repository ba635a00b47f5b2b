import Foundation
import Backends

/// What rejections taught the session: lines never to offer again, and a
/// decaying negative logit bias on the tokens that set rejected candidates
/// apart.
///
/// A token is *distinctive* of a rejected candidate when it has letters or
/// digits, is not part of a cast name (cues must stay possible), appears in
/// no candidate of the same request that was not rejected, and is not
/// common in the prompt's recent text (4 or more times in its last 512
/// tokens: function words and the scene's own vocabulary). Rarest in the
/// prompt first, at most ``SteeringSettings/tokensPerRejection`` of them;
/// each also biases its word's other single-token forms (with or without a
/// leading space, lower-case or capitalized: "Two" at a line start and
/// " two" mid-line are different tokens).
struct Steering: Sendable {
    let settings: SteeringSettings
    private(set) var rejectedLines: Set<String> = []
    private(set) var rejectedCandidates: Set<String> = []
    private(set) var bias: [Int: Double] = [:]

    init(settings: SteeringSettings) {
        self.settings = settings
    }

    /// Lines of a candidate that count as "its lines" for the never-again
    /// rule: speech and action of at least two words or eight letters, not
    /// cues or parentheticals.
    static func significantLines(of text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("(") && trimmed.hasSuffix(")") { return nil }
            if trimmed == trimmed.uppercased() && trimmed.count <= 40 && !trimmed.contains(where: \.isLowercase) {
                // Cues, headings and transitions: shared by good and bad candidates alike.
                if trimmed.split(separator: " ").count <= 4 { return nil }
            }
            let key = NormalizedText.key(trimmed)
            guard key.contains(" ") || key.count >= 8 else { return nil }
            return key
        }
    }

    /// Whether `text` (a candidate) is a rejected candidate again, or
    /// contains a rejected line among its complete lines.
    func repeatsRejection(_ text: String, complete: Bool) -> Bool {
        if complete, rejectedCandidates.contains(NormalizedText.key(text)) { return true }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !complete, !lines.isEmpty { lines.removeLast() }  // still being written
        return Self.significantLines(of: lines.joined(separator: "\n")).contains { rejectedLines.contains($0) }
    }

    /// Learns from a rejected candidate. `others` are the texts of the
    /// request's candidates that were not rejected; `promptTail` is the end
    /// of the prompt; `protected` are names never to bias.
    mutating func reject(_ text: String, others: [String], promptTail: String, protected: [String],
                         tokenizer: (any TokenizingBackend)?) {
        let key = NormalizedText.key(text)
        if !key.isEmpty { rejectedCandidates.insert(key) }
        rejectedLines.formUnion(Self.significantLines(of: text))
        guard let tokenizer, settings.rejectionBias < 0, settings.tokensPerRejection > 0 else { return }

        var excluded = Set<Int>()
        for other in others { excluded.formUnion(tokenizer.tokens(of: other).map(\.id)) }
        for name in protected {
            excluded.formUnion(tokenizer.tokens(of: name).map(\.id))
            excluded.formUnion(tokenizer.tokens(of: " " + name).map(\.id))
        }
        var promptCounts: [Int: Int] = [:]
        for token in tokenizer.tokens(of: promptTail).suffix(512) { promptCounts[token.id, default: 0] += 1 }

        var seen = Set<Int>()
        let distinctive = tokenizer.tokens(of: text).filter { token in
            guard seen.insert(token.id).inserted, !excluded.contains(token.id) else { return false }
            guard token.text.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
            return promptCounts[token.id, default: 0] < 4
        }
        let chosen = distinctive.enumerated()
            .sorted { (promptCounts[$0.element.id, default: 0], $0.offset) < (promptCounts[$1.element.id, default: 0], $1.offset) }
            .prefix(settings.tokensPerRejection)
        var biased = Set<Int>()
        for (_, token) in chosen {
            // The same word at a line start, capitalized or mid-sentence is another token.
            for variant in Self.variants(of: token, tokenizer: tokenizer) where !excluded.contains(variant)
                && biased.insert(variant).inserted {
                bias[variant] = max(settings.floor, bias[variant, default: 0] + settings.rejectionBias)
            }
        }
    }

    /// `token` and the single tokens of its word with and without a leading
    /// space, lower-cased and capitalized.
    static func variants(of token: BackendToken, tokenizer: any TokenizingBackend) -> [Int] {
        let word = token.text.trimmingCharacters(in: .whitespaces)
        guard !word.isEmpty else { return [token.id] }
        let forms = [word, word.lowercased(), word.prefix(1).uppercased() + word.dropFirst().lowercased()]
        var ids = [token.id]
        for form in Set(forms) {
            for text in [form, " " + form] {
                let tokens = tokenizer.tokens(of: text)
                if tokens.count == 1, !ids.contains(tokens[0].id) { ids.append(tokens[0].id) }
            }
        }
        return ids
    }

    /// The bias for the next request; then every bias decays.
    mutating func takeBias() -> [Int: Double] {
        let current = bias
        for (id, value) in bias {
            let decayed = value * settings.decay
            bias[id] = abs(decayed) < settings.forgetBelow ? nil : decayed
        }
        return current
    }
}
