import Testing
@testable import Assistant
import Backends

/// The bias arithmetic of steering, on a word-level tokenizer so the
/// expected token sets can be written down; the real engine's session is in
/// EmbeddedSessionTests.
@Suite struct SteeringTests {
    /// Splits on spaces and line breaks; a known word is one token (its index),
    /// any other word one token per character (200 + the character's code).
    struct WordTokenizer: TokenizingBackend {
        static let words = ["VERA", "I", "never", "touched", "the", "money", "we", "go", "now", "dial", "turns", "."]
        var displayName: String { "words" }
        var contextLength: Int { 1000 }
        func tokenCount(of text: String) -> Int { tokens(of: text).count }
        func tokens(of text: String) -> [BackendToken] {
            text.split(whereSeparator: { $0 == " " || $0 == "\n" }).flatMap { word -> [BackendToken] in
                if let id = Self.words.firstIndex(of: String(word)) { return [BackendToken(id: id, text: String(word))] }
                return word.unicodeScalars.map { BackendToken(id: 200 + Int($0.value), text: String($0)) }
            }
        }
        func continuations(of request: ContinuationRequest) -> CandidateEventStream {
            CandidateEventStream(AsyncStream { $0.finish() }) { _ in }
        }
    }

    @Test func distinctiveTokensOfARejectionAreBiasedAndTheBiasDecays() {
        var steering = Steering(settings: SteeringSettings())
        steering.reject("VERA\nI never touched the money", others: ["VERA\nWe go now the dial turns"],
                        promptTail: "the the the the dial", protected: ["VERA"], tokenizer: WordTokenizer())
        let words = WordTokenizer.words
        let first = steering.takeBias()
        // "VERA" is a cast name, "the" is common in the prompt: neither is biased.
        // "I" is also biased as "i", the one other form that is a single token.
        #expect(Set(first.keys) == Set(["I", "never", "touched", "money"].map { words.firstIndex(of: $0)! } + [200 + 105]))
        #expect(first.values.allSatisfy { $0 == -3 })
        let second = steering.takeBias()
        #expect(second.values.allSatisfy { abs($0 - -2.25) < 1e-9 })
        var requests = 2
        while !steering.takeBias().isEmpty { requests += 1 }
        #expect(requests == 9, "-3 × 0.75^k stays ≥ 0.3 in magnitude for k = 0…8")
    }

    @Test func repeatedRejectionsAddUpToTheFloor() {
        var steering = Steering(settings: SteeringSettings())
        for _ in 0..<4 {
            steering.reject("money", others: [], promptTail: "", protected: [], tokenizer: WordTokenizer())
        }
        #expect(steering.takeBias() == [WordTokenizer.words.firstIndex(of: "money")!: -8])
    }

    @Test func rejectedLinesButNotCuesAreRemembered() {
        var steering = Steering(settings: .off)
        steering.reject("VERA\n(quietly)\nI never touched the money.", others: [], promptTail: "", protected: [],
                        tokenizer: nil)
        #expect(steering.rejectedLines == ["i never touched the money"])
        #expect(steering.repeatsRejection("MARLOWE\nI never touched the MONEY!", complete: true))
        #expect(!steering.repeatsRejection("VERA\nI never touched the", complete: false))
        #expect(!steering.repeatsRejection("VERA\nWe go now.", complete: true))
        #expect(steering.takeBias().isEmpty, "steering off: no bias")
    }
}
