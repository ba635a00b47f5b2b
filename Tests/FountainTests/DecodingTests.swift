import Testing
@testable import Fountain

/// Bad bytes: a clear error naming the offset, or a lossy read with warnings.
struct DecodingTests {
    func error(_ bytes: [UInt8]) -> FountainDecodingError? {
        do {
            _ = try FountainDocument(bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ([0x61, 0xFF, 0x62], 1),                   // never valid
        ([0x61, 0x62, 0xC3], 2),                   // truncated at the end
        ([0xC3, 0x28], 0),                         // bad continuation
        ([0xC0, 0xAF], 0),                         // overlong
        ([0xE0, 0x80, 0xAF], 0),                   // overlong 3-byte
        ([0xED, 0xA0, 0x80], 0),                   // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),             // above U+10FFFF
        ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x80], 9),  // after a fast 8-byte block
    ])
    func invalidUTF8NamesTheOffset(_ bytes: [UInt8], _ offset: Int) {
        let e = error(bytes)
        #expect(e == FountainDecodingError(reason: .invalidUTF8, offset: offset))
        #expect(e?.description == "invalid UTF-8 at byte offset \(offset)")
    }

    @Test func offsetCountsTheBOM() {
        #expect(error([0xEF, 0xBB, 0xBF, 0x61, 0xFE]) == FountainDecodingError(reason: .invalidUTF8, offset: 4))
    }

    @Test func nulAndControlBytesAreBinary() {
        #expect(error(Array("PK".utf8) + [0x03, 0x04, 0x00]) == FountainDecodingError(reason: .binaryData, offset: 2))
        #expect(error(Array("long enough text ".utf8) + [0x00]) == FountainDecodingError(reason: .binaryData, offset: 17))
    }

    @Test func textControlsAreAllowed() throws {
        let bytes: [UInt8] = Array("a\tb\u{0B}c\u{0C}d\u{1B}[0m\r\n".utf8)
        #expect(try FountainDocument(bytes: bytes).bytes == bytes)
    }

    @Test func validMultiByteText() throws {
        let text = "INT. CAFÉ – NUIT\n\n@太郎\nこんにちは 👋\n"
        let doc = try FountainDocument(bytes: Array(text.utf8))
        #expect(doc.elements.map(\.text) == ["CAFÉ – NUIT".isEmpty ? "" : "INT. CAFÉ – NUIT", "太郎", "こんにちは 👋"])
    }

    @Test func lossyModeReplacesAndWarns() throws {
        let doc = try FountainDocument(bytes: [0x48, 0x69, 0xFF, 0x00, 0x21], decoding: .lossy)
        #expect(doc.elements[0].text == "Hi\u{FFFD}!")
        #expect(doc.warnings.count == 2)
        #expect(doc.warnings[0].contains("byte offset 2"))
        #expect(doc.warnings[1].contains("byte offset 3"))
    }

    @Test func lossyModeOnGoodInputHasNoWarnings() throws {
        let doc = try FountainDocument(bytes: Array("Fine.\n".utf8), decoding: .lossy)
        #expect(doc.warnings.isEmpty)
    }
}

extension DecodingTests {
    @Test func anyByteCollectionParses() throws {
        let bytes = Array("JOHN\nHi.\n".utf8)
        let doc = try FountainDocument(contentsOf: bytes[...])
        #expect(doc.elements.map(\.text) == ["JOHN", "Hi."])
        #expect(throws: FountainDecodingError(reason: .invalidUTF8, offset: 1)) {
            try FountainDocument(contentsOf: [0x41, 0xFF][...])
        }
    }
}
