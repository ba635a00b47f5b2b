import Testing
@testable import Fountain

/// Lossless writing: an untouched parse writes back the exact input bytes.
struct RoundTripTests {
    @Test func randomScriptsRoundTripByteForByte() throws {
        var rng = SeededRandom(seed: 1)
        for _ in 0..<3000 {
            let input = ScriptGenerator.script(&rng, lines: Int(rng.next() % 40))
            let doc = try FountainDocument(bytes: input)
            #expect(doc.bytes == input)
        }
    }

    @Test func randomBytesOfTextRoundTrip() throws {
        // Arbitrary ASCII text, control bytes allowed by the decoder included.
        var rng = SeededRandom(seed: 2)
        let alphabet: [UInt8] = Array("ab *_/[]^#@.!>~=()\t \r\n".utf8) + [0x0B, 0x0C, 0x1B]
        for _ in 0..<2000 {
            let n = Int(rng.next() % 200)
            let input = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let doc = try FountainDocument(bytes: input)
            #expect(doc.bytes == input)
        }
    }

    @Test(arguments: [
        "", "\n", "\r\n", "\r", "a", "a\n", "a\r\nb\rc\nd", "\u{FEFF}Title: X\r\n\r\nINT. A - DAY\r\n",
        "  trailing  \n\ttab\n", "no final newline", "\n\n\n", "JOHN\nHi\n  \nthere",
    ])
    func edgeCasesRoundTrip(_ text: String) {
        let doc = FountainDocument(parsing: text)
        #expect(doc.sourceString == text)
        #expect(doc.bytes == Array(text.utf8))
    }

    @Test func lineTableKeepsEndings() {
        let doc = FountainDocument(parsing: "a\r\nb\rc\nd")
        #expect(doc.source.lineCount == 4)
        #expect((0..<4).map(doc.source.lineEnding) == [.crlf, .cr, .lf, .none])
        #expect(doc.source.lines == ["a", "b", "c", "d"])
        #expect(!doc.source.hasFinalNewline)
        #expect(FountainDocument(parsing: "a\n").source.hasFinalNewline)
    }

    @Test func bomIsRememberedNotParsed() {
        let doc = FountainDocument(parsing: "\u{FEFF}INT. HOUSE - DAY\n\nHe waits.\n")
        #expect(doc.source.hasBOM)
        #expect(doc.elements.first?.kind == .sceneHeading(sceneNumber: nil))
        #expect(doc.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    }
}

extension RoundTripTests {
    @Test func randomUnicodeRoundTripsAndNormalizes() throws {
        var rng = SeededRandom(seed: 5)
        let pieces = ["é", "太郎", "👋🏽", "e\u{301}", "\u{2028}", "Ж", " ", "  ", "\t", "\n", "\r\n", "\r", "*", "**", "_",
                      "[[", "]]", "/*", "*/", "^", "@", ".", "!", ">", "<", "~", "=", "#", "(", ")", "INT. ", "TO:", "A", "a", ":"]
        for _ in 0..<1500 {
            let text = (0..<Int(rng.next() % 60)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let doc = try FountainDocument(bytes: Array(text.utf8))
            #expect(doc.sourceString == text)
            let again = FountainDocument(parsing: doc.normalized())
            #expect(again.elements.map(\.text) == doc.elements.map(\.text), "\(text.debugDescription)")
            #expect(again.elements.map(\.kind) == doc.elements.map(\.kind), "\(text.debugDescription)")
        }
    }
}
