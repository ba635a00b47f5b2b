import Testing
@testable import Inference

/// Files written by the `gguf` Python package (an independent writer) read
/// back as it wrote them.
@Suite struct GGUFPythonWriterTests {
    @Test func readsEveryValueTypeFromThePythonWriter() throws {
        let file = try GGUFFile(path: Fixtures.path("tiny-all-types.gguf"))
        #expect(file["test.u8"] == .uint8(200))
        #expect(file["test.i8"] == .int8(-100))
        #expect(file["test.u16"] == .uint16(60000))
        #expect(file["test.i16"] == .int16(-30000))
        #expect(file["test.u32"] == .uint32(4_000_000_000))
        #expect(file["test.i32"] == .int32(-2_000_000_000))
        #expect(file["test.u64"] == .uint64(.max))
        #expect(file["test.i64"] == .int64(.min))
        #expect(file["test.f32"] == .float32(3.25))
        #expect(file["test.f64"] == .float64(-1e300))
        #expect(file["test.bool"] == .bool(true))
        #expect(file["test.string"] == .string("héllo ▁ 🎬"))
        #expect(file["test.array.int"]?.array?.ints == [1, -2, 3])
        #expect(file["test.array.float"]?.array?.floats == [0.5, -2])
        #expect(file["test.array.bool"]?.array?.bools == [true, false])
        #expect(file["test.array.string"]?.array?.strings == ["<bos>", "▁the", "🎬"])
        guard case .array(let nested)? = file["test.array.nested"]?.array else {
            Issue.record("nested array: \(String(describing: file["test.array.nested"]))"); return
        }
        #expect(nested.map(\.ints) == [[1, 2], [3]])
        let types = file.tensors.map(\.type)
        #expect(types == [.f32, .f16, .bf16, .q8_0, .q4_0, .q5_0, .q4_K, .q5_K, .q6_K])
        for t in file.tensors {
            #expect(t.dimensions == [t.type.blockSize == 256 ? 256 : 64, 2], "\(t.name)")
            #expect(file.bytes(of: t).count == t.byteCount)
            #expect(t.offset % file.alignment == 0)
        }
    }

    @Test func readsTheTinyModel() throws {
        let file = try GGUFFile(path: Fixtures.path("tiny-gemma3.gguf"))
        #expect(try file.requireString("general.architecture") == "gemma3")
        #expect(try file.requireInt("gemma3.block_count") == 2)
        let vocab = try file.requireArray("tokenizer.ggml.tokens").count
        #expect(file.tensor(named: "token_embd.weight")?.dimensions == [32, vocab])
        #expect(file.tensor(named: "blk.1.ffn_down.weight")?.type == .q6_K)
    }
}
