import Foundation
import Testing
@testable import Inference

@Suite struct GGUFReaderTests {
    static let allValues: [(String, GGUFValue)] = [
        ("u8", .uint8(200)), ("i8", .int8(-100)), ("u16", .uint16(60000)), ("i16", .int16(-30000)),
        ("u32", .uint32(4_000_000_000)), ("i32", .int32(-2_000_000_000)),
        ("u64", .uint64(UInt64.max)), ("i64", .int64(Int64.min)),
        ("f32", .float32(3.25)), ("f64", .float64(-1e300)), ("bool", .bool(true)),
        ("str", .string("héllo ▁ 🎬")), ("empty", .string("")),
        ("a.u8", .array(.uint8([1, 2, 255]))), ("a.i8", .array(.int8([-1, 0, 1]))),
        ("a.u16", .array(.uint16([7, 65535]))), ("a.i16", .array(.int16([-7]))),
        ("a.u32", .array(.uint32([1, 2, 3]))), ("a.i32", .array(.int32([-5, 5]))),
        ("a.u64", .array(.uint64([UInt64.max]))), ("a.i64", .array(.int64([-9]))),
        ("a.f32", .array(.float32([0.5, -2]))), ("a.f64", .array(.float64([1e-300]))),
        ("a.bool", .array(.bool([true, false]))), ("a.str", .array(.string(["<bos>", "", "▁the"]))),
        ("a.empty", .array(.int32([]))),
        ("a.nested", .array(.array([.int32([1, 2]), .int32([]), .int32([3])]))),
        ("a.nested.str", .array(.array([.string(["x"]), .string(["y", "z"])]))),
    ]

    @Test func readsEveryValueTypeInOrder() throws {
        var b = GGUFBuilder()
        for (k, v) in Self.allValues { b.add(k, v) }
        let file = try GGUFFile(bytes: b.build())
        #expect(file.metadataKeys == Self.allValues.map(\.0))
        for (k, v) in Self.allValues { #expect(file[k] == v, "key \(k)") }
        #expect(file.version == 3)
        #expect(file.alignment == 32)
        #expect(file.tensors.isEmpty)
    }

    @Test func typedAccessorsConvertOnlyExactly() throws {
        #expect(GGUFValue.uint32(7).int == 7)
        #expect(GGUFValue.uint64(UInt64.max).int == nil)
        #expect(GGUFValue.int8(-3).double == -3)
        #expect(GGUFValue.float32(1.5).int == nil)
        #expect(GGUFValue.string("x").int == nil)
        #expect(GGUFArray.uint64([UInt64.max]).ints == nil)
        #expect(GGUFArray.int32([1, -2]).floats == [1, -2])
        let file = try GGUFFile(bytes: { var b = GGUFBuilder(); b.add("n", .uint16(5)); return b.build() }())
        #expect(try file.requireInt("n") == 5)
        #expect(throws: GGUFError.missingKey("absent")) { try file.requireInt("absent") }
        #expect(throws: GGUFError.wrongMetadataType(key: "n", expected: "string", found: .uint16)) {
            try file.requireString("n")
        }
    }

    @Test func readsVersion2() throws {
        var b = GGUFBuilder()
        b.version = 2
        b.add("general.architecture", .string("llama"))
        #expect(try GGUFFile(bytes: b.build()).version == 2)
    }

    @Test func tensorBytesComeFromTheDataSection() throws {
        var b = GGUFBuilder()
        b.add("general.alignment", .uint32(64))
        b.alignment = 64
        let a = (0..<8).map { Float($0) }
        let aBytes = a.withUnsafeBytes { Array($0) }
        b.addTensor("a", dims: [4, 2], type: .f32, data: aBytes)
        let q = (0..<68).map { UInt8($0) }
        b.addTensor("q", dims: [64], type: .q8_0, data: q)
        b.addTensor("h", dims: [3, 1, 1, 2], type: .f16)
        let file = try GGUFFile(bytes: b.build())
        #expect(file.alignment == 64)
        #expect(file.dataOffset % 64 == 0)
        #expect(file.tensors.map(\.name) == ["a", "q", "h"])
        let ta = try #require(file.tensor(named: "a"))
        #expect(ta.dimensions == [4, 2] && ta.elementCount == 8 && ta.byteCount == 32 && ta.offset == 0)
        #expect(Array(file.bytes(of: ta)) == aBytes)
        let tq = try #require(file.tensor(named: "q"))
        #expect(tq.type == .q8_0 && tq.byteCount == 68 && tq.offset == 64)
        #expect(Array(file.bytes(of: tq)) == q)
        #expect(file.tensor(named: "h")?.byteCount == 12)
    }

    @Test func opensFromDiskAndMapsTheFile() throws {
        var b = GGUFBuilder()
        b.add("k", .string("v"))
        b.addTensor("t", dims: [32], type: .q4_0, data: (0..<18).map { UInt8($0 * 3) })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gguf-\(UUID()).gguf")
        try Data(b.build()).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try GGUFFile(path: url.path)
        #expect(file.path == url.path)
        #expect(file["k"] == .string("v"))
        #expect(Array(file.bytes(of: file.tensors[0])) == (0..<18).map { UInt8($0 * 3) })
    }

    @Test func typeTableMatchesGGML() {
        #expect(GGMLType.q4_K.blockSize == 256 && GGMLType.q4_K.bytesPerBlock == 144)
        #expect(GGMLType.q6_K.bytesPerBlock == 210)
        #expect(GGMLType.q5_0.bytesPerBlock == 22)
        #expect(GGMLType.bf16.rawValue == 30)
        #expect(GGMLType.q8_0.byteCount(elements: 640) == 680)
        #expect(GGMLType.q8_0.byteCount(elements: 33) == nil)
        #expect(GGMLType.f32.byteCount(elements: Int.max) == nil)
    }
}
