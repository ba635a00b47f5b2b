import Foundation
import Testing
@testable import Inference

/// One hand-built file per rejection; each must fail with the expected error
/// (which names what and where), never crash or allocate from the bad count.
@Suite struct GGUFValidationTests {
    func reject(_ bytes: [UInt8], _ expected: GGUFError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try GGUFFile(bytes: bytes) }
    }

    func valid() -> GGUFBuilder {
        var b = GGUFBuilder()
        b.add("general.architecture", .string("llama"))
        b.addTensor("w", dims: [32, 2], type: .q8_0)
        return b
    }

    /// Byte offset of the first occurrence of `needle` in `hay`.
    func offset(of needle: [UInt8], in hay: [UInt8]) -> Int {
        (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }!
    }

    func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    @Test func validBaselineParses() throws {
        let file = try GGUFFile(bytes: valid().build())
        #expect(file.tensors.count == 1)
    }

    @Test func emptyAndTinyFiles() {
        reject([], .truncated(offset: 0, needed: 4, reading: "magic (the file is empty)"))
        reject([0x47, 0x47], .badMagic(found: [0x47, 0x47]))
        reject(Array("GGUF".utf8), .truncated(offset: 4, needed: 4, reading: "version"))
    }

    @Test func badMagic() {
        var b = valid()
        b.magic = Array("GGML".utf8)
        reject(b.build(), .badMagic(found: Array("GGML".utf8)))
        #expect(GGUFError.badMagic(found: Array("GGML".utf8)).description.contains("47 47 4D 4C"))
    }

    @Test func unsupportedVersions() {
        for v: UInt32 in [0, 1, 4, 0xFFFF_FFFF] {
            var b = valid()
            b.version = v
            reject(b.build(), .unsupportedVersion(v))
        }
    }

    @Test func countsBoundedByFileSize() {
        var b = valid()
        b.tensorCountOverride = 1 << 60
        reject(b.build(), .countTooLarge(what: "tensor count", count: 1 << 60, offset: 8))
        b = valid()
        b.kvCountOverride = UInt64.max
        reject(b.build(), .countTooLarge(what: "metadata key/value count", count: UInt64.max, offset: 16))
    }

    @Test func stringLengthBoundedByRemainingBytes() {
        var bytes = valid().build()
        let at = 24 // first key's length field
        bytes.replaceSubrange(at..<(at + 8), with: le(UInt64(1) << 62))
        reject(bytes, .lengthTooLarge(what: "metadata key", length: 1 << 62, offset: 24, remaining: bytes.count - 32))
    }

    @Test func arrayCountBoundedByRemainingBytes() {
        var b = GGUFBuilder()
        b.add("tokenizer.ggml.scores", .array(.float32([1, 2])))
        var bytes = b.build()
        // key(8+21) + type 4 + element type 4 -> array count at 24+37
        let at = 24 + 8 + 21 + 4 + 4
        #expect(Array(bytes[at..<(at + 8)]) == le(UInt64(2)))
        bytes.replaceSubrange(at..<(at + 8), with: le(UInt64(1) << 40))
        reject(bytes, .countTooLarge(what: "array length of key 'tokenizer.ggml.scores'", count: 1 << 40, offset: at))
    }

    @Test func stringInArrayBoundedByRemainingBytes() {
        var b = GGUFBuilder()
        b.add("t", .array(.string(["abc"])))
        var bytes = b.build()
        let at = offset(of: le(UInt64(3)) + Array("abc".utf8), in: bytes)
        bytes.replaceSubrange(at..<(at + 8), with: le(UInt64(1000)))
        #expect(throws: GGUFError.self) { try GGUFFile(bytes: bytes) }
        do { _ = try GGUFFile(bytes: bytes) } catch let e as GGUFError {
            guard case .lengthTooLarge(let what, 1000, at, _) = e else { Issue.record("got \(e)"); return }
            #expect(what == "string in array of key 't'")
        } catch { Issue.record("\(error)") }
    }

    @Test func invalidValueAndElementTypes() {
        var bytes = { var b = GGUFBuilder(); b.add("k", .uint8(1)); return b.build() }()
        let typeAt = 24 + 8 + 1
        bytes.replaceSubrange(typeAt..<(typeAt + 4), with: le(UInt32(13)))
        reject(bytes, .invalidValueType(raw: 13, key: "k", offset: typeAt))

        bytes = { var b = GGUFBuilder(); b.add("a", .array(.uint8([1]))); return b.build() }()
        let elemAt = typeAt + 4
        bytes.replaceSubrange(elemAt..<(elemAt + 4), with: le(UInt32(99)))
        reject(bytes, .invalidValueType(raw: 99, key: "a", offset: elemAt))
    }

    @Test func nestingDepthIsLimited() {
        var inner = GGUFArray.uint8([1])
        for _ in 0..<GGUFParser.maxArrayDepth { inner = .array([inner]) }
        var b = GGUFBuilder()
        b.add("deep", .array(inner))
        let bytes = b.build()
        #expect(throws: GGUFError.self) { try GGUFFile(bytes: bytes) }
        do { _ = try GGUFFile(bytes: bytes) } catch let e as GGUFError {
            guard case .nestingTooDeep(key: "deep", _) = e else { Issue.record("got \(e)"); return }
        } catch { Issue.record("\(error)") }
    }

    @Test func duplicateKey() {
        var b = valid()
        b.add("general.architecture", .string("gemma3"))
        let bytes = b.build()
        let secondAt = 24 + (8 + 20 + 4 + 8 + 5)
        reject(bytes, .duplicateKey("general.architecture", offset: secondAt))
    }

    @Test func alignmentMustBePowerOfTwoInteger() {
        for a: UInt32 in [0, 3, 48] {
            var b = valid()
            b.add("general.alignment", .uint32(a))
            reject(b.build(), .invalidAlignment(UInt64(a)))
        }
        var b = valid()
        b.add("general.alignment", .string("32"))
        reject(b.build(), .wrongMetadataType(key: "general.alignment", expected: "uint32", found: .string))
    }

    @Test func duplicateTensorName() {
        var b = valid()
        b.addTensor("w", dims: [32], type: .q8_0)
        #expect(throws: GGUFError.self) { try GGUFFile(bytes: b.build()) }
        do { _ = try GGUFFile(bytes: b.build()) } catch let e as GGUFError {
            guard case .duplicateTensorName("w", _) = e else { Issue.record("got \(e)"); return }
        } catch { Issue.record("\(error)") }
    }

    @Test func dimensionCountAndZeroDimension() {
        var b = valid()
        b.tensors[0].dims = [32, 1, 1, 1, 1]
        reject(b.build(), .badDimensionCount(tensor: "w", count: 5))
        b = valid()
        b.tensors[0].nDims = 0xFFFF_FFFF
        reject(b.build(), .badDimensionCount(tensor: "w", count: 0xFFFF_FFFF))
        b = valid()
        b.tensors[0].dims = [32, 0]
        b.tensors[0].data = []
        reject(b.build(), .badDimension(tensor: "w", index: 1, value: 0))
    }

    @Test func elementCountOverflow() {
        var b = valid()
        b.tensors[0].dims = [1 << 32, 1 << 32]
        b.tensors[0].data = []
        reject(b.build(), .elementCountOverflow(tensor: "w"))
        b = valid()
        b.tensors[0].dims = [UInt64.max - 31]
        b.tensors[0].data = []
        reject(b.build(), .elementCountOverflow(tensor: "w"))
        // Elements fit in Int but the byte size does not.
        b = valid()
        b.tensors[0].type = GGMLType.f32.rawValue
        b.tensors[0].dims = [1 << 62]
        b.tensors[0].data = []
        reject(b.build(), .elementCountOverflow(tensor: "w"))
    }

    @Test func unknownTensorType() {
        var b = valid()
        b.tensors[0].type = 4  // removed Q4_2
        reject(b.build(), .unknownTensorType(tensor: "w", raw: 4))
    }

    @Test func firstDimensionMustBeBlockMultiple() {
        var b = valid()
        b.tensors[0].dims = [33, 2]
        b.tensors[0].data = [UInt8](repeating: 0, count: 68)
        reject(b.build(), .shapeNotBlockMultiple(tensor: "w", firstDimension: 33, type: .q8_0))
        b = valid()
        b.tensors[0].type = GGMLType.q4_K.rawValue
        b.tensors[0].dims = [128, 4]
        b.tensors[0].data = [UInt8](repeating: 0, count: 288)
        reject(b.build(), .shapeNotBlockMultiple(tensor: "w", firstDimension: 128, type: .q4_K))
    }

    @Test func misalignedTensorOffset() {
        var b = valid()
        b.tensors[0].offset = 8
        reject(b.build(), .misalignedTensorData(tensor: "w", offset: 8, alignment: 32))
    }

    @Test func tensorDataOutsideFile() throws {
        let good = valid().build()
        let file = try GGUFFile(bytes: good)
        let truncated = Array(good.dropLast(1))
        reject(truncated, .tensorOutOfBounds(tensor: "w", start: file.dataOffset,
                                             end: file.dataOffset + 68, fileSize: truncated.count))
        var b = valid()
        b.tensors[0].offset = UInt64.max & ~31
        b.tensors[0].data = []
        #expect(throws: GGUFError.self) { try GGUFFile(bytes: b.build()) }
    }

    @Test func truncationAnywhereInHeaderIsAnError() throws {
        var b = valid()
        for (k, v) in GGUFReaderTests.allValues { b.add(k, v) }
        let bytes = b.build()
        let dataOffset = try GGUFFile(bytes: bytes).dataOffset
        for n in 0..<bytes.count {
            #expect(throws: GGUFError.self) { try GGUFFile(bytes: bytes[0..<n]) }
            if n == dataOffset { break }
        }
    }

    @Test func overlappingTensors() {
        var b = valid()
        b.addTensor("v", dims: [32], type: .q8_0, offset: 64)
        b.tensors[0].offset = 32   // w: 32..<100 overlaps v: 64..<98
        reject(b.build(), .overlappingTensors("w", "v"))
    }

    @Test func errorsReadAsOneLine() {
        let errors: [GGUFError] = [
            .truncated(offset: 10, needed: 8, reading: "tensor count"),
            .tensorOutOfBounds(tensor: "blk.0.attn_q.weight", start: 100, end: 200, fileSize: 150),
            .countTooLarge(what: "tensor count", count: 99, offset: 8),
        ]
        for e in errors {
            #expect(!e.description.contains("\n"))
            #expect(e.description.contains("8") || e.description.contains("blk.0"))
        }
    }
}
