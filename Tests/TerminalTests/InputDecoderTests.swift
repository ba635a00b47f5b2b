import EditorCore
import Testing
@testable import Terminal

@Suite struct InputDecoderTests {
    static let pasteStart: Int32 = 0x1000, pasteEnd: Int32 = 0x1001, resize: Int32 = 0x19A, ctrlLeft: Int32 = 0x1002
    static func decoder() -> InputDecoder {
        InputDecoder(keyCodes: [pasteStart: .pasteStart, pasteEnd: .pasteEnd, resize: .resize,
                                ctrlLeft: .key(.left, .control), 0x102: .key(.down, [])],
                     size: { (40, 12) })
    }
    static func chars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func controlCharactersBecomeKeys() {
        var decoder = Self.decoder()
        let events = decoder.decode([.character(0x13), .character(0x0D), .character(0x09), .character(0x7F),
                                     .character(0x08), .character(0x00), .character(0x1A), .character(0x1F)])
        #expect(events == [.key(.ctrl("s")), .key(.enter), .key(.tab), .key(.backspace), .key(.backspace),
                           .key(.ctrl(" ")), .key(.ctrl("z")), .key(.ctrl("_"))])
    }

    @Test func textIncludingWideCharactersIsText() {
        var decoder = Self.decoder()
        #expect(decoder.decode(Self.chars("a漢é")) == [.key(.text("a")), .key(.text("漢")), .key(.text("é"))])
    }

    @Test func keyCodesMapThroughTheTable() {
        var decoder = Self.decoder()
        #expect(decoder.decode([.keyCode(Self.ctrlLeft), .keyCode(0x102), .keyCode(0x7777)])
                == [.key(.left, .control), .key(.down)])
    }

    @Test func pasteIsOneEventAndNeverRunsBindings() {
        var decoder = Self.decoder()
        let batch: [RawInput] = [.keyCode(Self.pasteStart)] + Self.chars("MARLOWE\r(beat)\r\nHi\u{13}\tthere")
            + [.keyCode(Self.pasteEnd), .character(0x13)]
        #expect(decoder.decode(batch) == [.paste("MARLOWE\n(beat)\nHi\tthere"), .key(.ctrl("s"))])
    }

    @Test func pasteSpanningSeveralReadsStaysOnePaste() {
        var decoder = Self.decoder()
        #expect(decoder.decode([.keyCode(Self.pasteStart)] + Self.chars("line 1\r")).isEmpty)
        #expect(decoder.isInsidePaste)
        #expect(decoder.decode(Self.chars("line 2\r")).isEmpty)
        #expect(decoder.decode([.keyCode(Self.pasteEnd)]) == [.paste("line 1\nline 2\n")])
        #expect(!decoder.isInsidePaste)
    }

    @Test func escapeAloneOrAsAltPrefix() {
        var decoder = Self.decoder()
        #expect(decoder.decode([.character(0x1B)]) == [.key(.escape)])
        #expect(decoder.decode([.character(0x1B), .character(0x78)]) == [.key(.text("x"), .alt)])
        #expect(decoder.decode([.character(0x1B), .character(0x1B)]) == [.key(.escape), .key(.escape)])
        #expect(decoder.decode([.character(0x1B), .keyCode(0x102)]) == [.key(.escape), .key(.down)])
    }

    @Test func resizeReportsCurrentSize() {
        var decoder = Self.decoder()
        #expect(decoder.decode([.keyCode(Self.resize)]) == [.resize(width: 40, height: 12)])
    }
}
