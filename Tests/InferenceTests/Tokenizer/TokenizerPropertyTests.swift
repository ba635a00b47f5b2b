import Foundation
import Testing
@testable import Inference

/// Random text from a pool of awkward characters: encoding then decoding gives
/// the text back, and streaming gives the same text in whole characters.
@Suite struct TokenizerPropertyTests {
    /// No '<': plain text like "<bos>" may legitimately merge into a control
    /// token (llama.cpp does the same), which decodes to nothing.
    static let pool: [String] = [
        "a", "e", "t", "h", "x", "y", "I", "N", "T", ".", "-", " ", " ", " ", "\t", "\n", "\r",
        "é", "e\u{301}", "ß", "Ω", "ж", "你", "好", "こ", "한", "🎬", "👩‍💻", "🇫🇷", "👍🏽",
        "\u{0}", "\u{1B}", "\u{7F}", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{E000}", "\u{10FFFD}", "\u{FFFD}",
        "INT.", "NIGHT", "the", "café", "xyx",
    ]

    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...40, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
        }
    }

    func checkRoundTrips(_ tokenizer: SentencePieceTokenizer, seed: UInt64) {
        for text in Self.randomTexts(count: 400, seed: seed) {
            let ids = tokenizer.encode(text, addBOS: true, parseSpecial: false)
            #expect(Array(tokenizer.decode(ids).utf8) == Array(text.utf8), "\(String(reflecting: text))")
            var stream = tokenizer.streamingDetokenizer()
            var streamed = ""
            for id in ids {
                let piece = stream.append(id)
                // Whole characters only: never a replacement the input did not have.
                #expect(!piece.contains("\u{FFFD}") || text.contains("\u{FFFD}"))
                streamed += piece
            }
            streamed += stream.finish()
            #expect(Array(streamed.utf8) == Array(text.utf8), "\(String(reflecting: text))")
        }
    }

    @Test func tinyVocabularyRoundTrips() throws {
        let t = try SentencePieceTokenizer(gguf: GGUFFile(path: Fixtures.path("tiny-gemma3.gguf")))
        checkRoundTrips(t, seed: 1)
    }

    @Test(.enabled(if: !RealModel.skip, "INTERCUT_SKIP_MODEL_TESTS=1"))
    func realVocabularyRoundTrips() throws {
        let t = try SentencePieceTokenizer(gguf: RealModel.open())
        checkRoundTrips(t, seed: 2)
    }
}
