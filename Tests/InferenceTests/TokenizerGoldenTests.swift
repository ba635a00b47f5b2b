import Foundation
import Testing
@testable import Inference

/// Token ids identical to llama.cpp's for the whole golden corpus (screenplay
/// text, Unicode, emoji, CJK, whitespace, control characters, byte fallback,
/// special-token text; with and without BOS and special parsing), and the
/// pieces llama.cpp decodes them to.
@Suite struct TokenizerGoldenTests {
    /// The real model. A missing model fails (CI installs it with
    /// `intercut model install`); INTERCUT_SKIP_MODEL_TESTS=1 skips.
    @Test(.enabled(if: !RealModel.skip, "INTERCUT_SKIP_MODEL_TESTS=1"))
    func realModelMatchesLlamaCpp() throws {
        let golden = try GoldenTokens.load("tokens.json")
        #expect(golden.cases.count >= 200)
        let tokenizer = try SentencePieceTokenizer(gguf: try RealModel.open())
        let mismatches = golden.mismatches(tokenizer)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    /// The tiny synthetic vocabulary (committed fixture): exercises the same
    /// code paths with many merges, score ties and byte fallback, without the
    /// real model.
    @Test func tinyModelMatchesLlamaCpp() throws {
        let golden = try GoldenTokens.load("tokens-tiny.json")
        let tokenizer = try SentencePieceTokenizer(gguf: try GGUFFile(path: Fixtures.path("tiny-gemma3.gguf")))
        let mismatches = golden.mismatches(tokenizer)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }
}
