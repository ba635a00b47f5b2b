import Testing
@testable import Inference

/// The real model, read as llama.cpp reads it: facts from the reference page.
@Suite(.enabled(if: !RealModel.skip, "INTERCUT_SKIP_MODEL_TESTS=1"))
struct GGUFRealModelTests {
    @Test func readsGemmaHeader() throws {
        let file = try RealModel.open()
        #expect(file.fileSize == DefaultModel.byteCount)
        #expect(try file.requireString("general.architecture") == "gemma3")
        #expect(try file.requireInt("gemma3.block_count") == 18)
        #expect(try file.requireInt("gemma3.embedding_length") == 640)
        #expect(try file.requireInt("gemma3.feed_forward_length") == 2048)
        #expect(try file.requireInt("gemma3.context_length") == 32768)
        #expect(try file.requireString("tokenizer.ggml.model") == "llama")
        #expect(try file.requireArray("tokenizer.ggml.tokens").count == 262_144)
        #expect(try file.requireArray("tokenizer.ggml.scores").floats?.count == 262_144)
        #expect(file.tensor(named: "output.weight") == nil)
        let embd = try #require(file.tensor(named: "token_embd.weight"))
        #expect(embd.dimensions == [640, 262_144])
        #expect(embd.type == .q8_0)
        #expect(embd.byteCount == 262_144 * 640 / 32 * 34)
        #expect(file.tensor(named: "blk.0.attn_q.weight")?.type == .q5_0)
        #expect(file.tensor(named: "blk.0.attn_output.weight")?.type == .q4_K)
        #expect(file.tensor(named: "blk.0.ffn_down.weight")?.type == .q6_K)
        #expect(file.tensor(named: "blk.0.attn_norm.weight")?.type == .f32)
        // Data section: tensors tile it and the last one ends at the file end.
        let last = try #require(file.tensors.max { $0.offset < $1.offset })
        #expect(file.dataOffset + last.offset + last.byteCount <= file.fileSize)
        #expect(file.dataOffset % file.alignment == 0)
        let norm = file.bytes(of: try #require(file.tensor(named: "output_norm.weight")))
        #expect(norm.count == 640 * 4)
        // Gemma norms are stored with +1 already added: all finite, mostly near 1+.
        let values = (0..<640).map { norm.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        #expect(values.allSatisfy { $0.isFinite })
    }
}
