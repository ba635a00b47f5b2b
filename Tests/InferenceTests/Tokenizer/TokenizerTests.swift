import Foundation
import Testing
@testable import Inference

@Suite struct TokenizerTests {
    let tokenizer: SentencePieceTokenizer

    init() throws {
        tokenizer = try SentencePieceTokenizer(gguf: GGUFFile(path: Fixtures.path("tiny-gemma3.gguf")))
    }

    var vocab: Vocabulary { tokenizer.vocabulary }

    @Test func specialIDsComeFromTheFile() {
        #expect(vocab.bosID == 2 && vocab.eosID == 1 && vocab.unknownID == 3 && vocab.paddingID == 0)
        #expect(vocab.addBOS && !vocab.addEOS && !vocab.addSpacePrefix)
        #expect(vocab.endOfTurnID == vocab.id(ofText: "<end_of_turn>"))
        #expect(vocab.endOfGenerationIDs == [1, vocab.id(ofText: "<end_of_turn>")!])
    }

    @Test func emptyTextIsBOSOrNothing() {
        #expect(tokenizer.encode("", addBOS: true, parseSpecial: false) == [2])
        #expect(tokenizer.encode("", addBOS: false, parseSpecial: true) == [])
    }

    @Test func spacesBecomeU2581Pieces() {
        let ids = tokenizer.encode(" the", addBOS: false, parseSpecial: false)
        #expect(ids == [vocab.id(ofText: "▁the")!])
    }

    @Test func controlTokenTextIsPlainUnlessParsingSpecials() {
        let start = vocab.id(ofText: "<start_of_turn>")!
        #expect(tokenizer.encode("<start_of_turn>", addBOS: false, parseSpecial: true) == [start])
        let plain = tokenizer.encode("<start_of_turn>", addBOS: false, parseSpecial: false)
        #expect(!plain.contains(start) && plain.count > 1)
        #expect(tokenizer.decode(plain) == "<start_of_turn>")
        // User-defined tokens ("\n\n") split out in both modes, longest first.
        let nn = vocab.id(ofText: "\n\n")!, nnn = vocab.id(ofText: "\n\n\n")!
        #expect(tokenizer.encode("\n\n\n\n\n", addBOS: false, parseSpecial: false) == [nnn, nn])
    }

    @Test func missingCharactersFallBackToByteTokens() {
        let ids = tokenizer.encode("🎬", addBOS: false, parseSpecial: false)
        #expect(ids.map { vocab.text(of: $0) } == ["<0xF0>", "<0x9F>", "<0x8E>", "<0xAC>"])
        #expect(ids.allSatisfy { vocab.kind(of: $0) == .byte })
        #expect(tokenizer.decode(ids) == "🎬")
    }

    @Test func decodeRendersSpecialsOnlyWhenAsked() {
        let ids = tokenizer.encode("<bos>x<eos>", addBOS: false, parseSpecial: true)
        #expect(ids.first == 2 && ids.last == 1)
        #expect(tokenizer.decode(ids) == "x")
        #expect(tokenizer.decode(ids, renderSpecial: true) == "<bos>x<eos>")
        #expect(tokenizer.decode([-1, 999_999]) == "")
    }

    @Test func streamingHoldsSplitCharacters() {
        let text = "🎬 café 你好 👩‍💻!"
        let ids = tokenizer.encode(text, addBOS: true, parseSpecial: false)
        var stream = tokenizer.streamingDetokenizer()
        var chunks = [String]()
        var sawHeldBytes = false
        for id in ids {
            chunks.append(stream.append(id))
            sawHeldBytes = sawHeldBytes || stream.hasPendingBytes
        }
        chunks.append(stream.finish())
        #expect(sawHeldBytes)
        #expect(chunks.joined() == text)
        // No chunk is a fragment of a character: each re-encodes to its own bytes.
        for c in chunks { #expect(!c.contains("\u{FFFD}")) }
    }

    @Test func streamingNeverStallsOnInvalidBytes() {
        let b = { (x: UInt8) in vocab.byteTokens[Int(x)]! }
        var stream = tokenizer.streamingDetokenizer()
        #expect(stream.append(b(0xF0)) == "")
        #expect(stream.append(b(0x9F)) == "")
        // A non-continuation byte ends the broken sequence: replaced, not held.
        #expect(stream.append(b(0x41)) == "\u{FFFD}A")
        #expect(stream.append(b(0xFF)) == "\u{FFFD}")
        #expect(stream.append(b(0xE2)) == "")
        #expect(stream.finish() == "\u{FFFD}")
        #expect(!stream.hasPendingBytes)
        // Overlong and surrogate leads are not held either.
        #expect(StreamingDetokenizer.incompleteSuffixLength([0xE0, 0x80]) == 0)
        #expect(StreamingDetokenizer.incompleteSuffixLength([0xED, 0xA0]) == 0)
        #expect(StreamingDetokenizer.incompleteSuffixLength([0x41, 0xE2, 0x96]) == 2)
        #expect(StreamingDetokenizer.incompleteSuffixLength([0xE2, 0x96, 0x81]) == 0)
    }

    @Test func scoreTiesMergeLeftmostFirst() {
        // "xy" and "yx" share a score; in "xyx" the leftmost pair merges first,
        // then "xy"+"x" -> "xyx" exists.
        let ids = tokenizer.encode("xyx", addBOS: false, parseSpecial: false)
        #expect(ids == [vocab.id(ofText: "xyx")!])
        let ids2 = tokenizer.encode("xyxy", addBOS: false, parseSpecial: false)
        #expect(ids2.map { vocab.text(of: $0) } == ["xyx", "y"])
    }

    @Test func byteExactLookupDoesNotConflateCanonicalEquivalents() {
        // "é" precomposed is a token; "e\u{301}" must not match it.
        let composed = tokenizer.encode("é", addBOS: false, parseSpecial: false)
        let decomposed = tokenizer.encode("e\u{301}", addBOS: false, parseSpecial: false)
        #expect(composed == [vocab.id(ofText: "é")!])
        #expect(decomposed != composed)
        #expect(tokenizer.decode(decomposed).unicodeScalars.count == 2)
    }

    @Test func vocabularyErrors() throws {
        var b = GGUFBuilder()
        b.add("tokenizer.ggml.model", .string("gpt2"))
        b.add("tokenizer.ggml.tokens", .array(.string(["a", "b"])))
        #expect(throws: TokenizerError.unsupportedModel("gpt2")) { try Vocabulary(gguf: GGUFFile(bytes: b.build())) }
        b = GGUFBuilder()
        b.add("tokenizer.ggml.model", .string("llama"))
        b.add("tokenizer.ggml.tokens", .array(.string(["a", "b"])))
        b.add("tokenizer.ggml.scores", .array(.float32([1])))
        #expect(throws: TokenizerError.arrayLengthMismatch(key: "tokenizer.ggml.scores", expected: 2, found: 1)) {
            try Vocabulary(gguf: GGUFFile(bytes: b.build()))
        }
        b = GGUFBuilder()
        b.add("tokenizer.ggml.model", .string("llama"))
        #expect(throws: GGUFError.missingKey("tokenizer.ggml.tokens")) { try Vocabulary(gguf: GGUFFile(bytes: b.build())) }
    }

    @Test func defaultsFollowLlamaCpp() throws {
        // No ids or flags in the file: SentencePiece defaults, add_space_prefix on.
        var b = GGUFBuilder()
        b.add("tokenizer.ggml.model", .string("llama"))
        b.add("tokenizer.ggml.tokens", .array(.string(["<unk>", "<s>", "</s>", "▁a", "a", "▁"])))
        b.add("tokenizer.ggml.bos_token_id", .uint32(99))   // out of range: ignored
        let t = SentencePieceTokenizer(vocabulary: try Vocabulary(gguf: GGUFFile(bytes: b.build())))
        #expect(t.vocabulary.bosID == 1 && t.vocabulary.eosID == 2 && t.vocabulary.unknownID == 0)
        #expect(t.vocabulary.addSpacePrefix)
        #expect(t.encode("a", addBOS: true, parseSpecial: false) == [1, 3])
        // A character with neither a token nor byte tokens becomes <unk>.
        #expect(t.encode("z", addBOS: false, parseSpecial: false) == [5, 0])
    }
}
