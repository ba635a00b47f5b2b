import Testing
@testable import Fountain

/// Each line-table entry carries flags of its bytes (`LineFlags`) that the
/// parser and the page measurer trust instead of rereading the line; an edit
/// must leave them exactly as a fresh read of the bytes gives them.
struct LineFlagsTests {
    func flags(_ doc: FountainDocument) -> [UInt8] { doc.source.lineTable.map(\.flags) }

    /// Rows the page measurer gives for the dialogue of a one-speech script (all rows but the cue's).
    func dialogueRows(_ doc: FountainDocument) -> Int {
        doc.pageMap().stream.rowCount - 1
    }

    @Test func flagsOfAFreshRead() {
        let doc = FountainDocument(parsing: "*a* _b_\n[[n]] \\x\n\tTab\nsl/ash\nCafé\n  \n\n")
        let f = flags(doc)
        #expect(f[0] == LineFlags.star | LineFlags.underscore | LineFlags.content)
        #expect(f[1] == LineFlags.bracket | LineFlags.backslash | LineFlags.content)
        #expect(f[2] == LineFlags.tab | LineFlags.content)
        #expect(f[3] == LineFlags.slash | LineFlags.content)
        #expect(f[4] == LineFlags.nonASCII | LineFlags.content)
        #expect(f[5] == 0 && f[6] == 0 && f[7] == 0)
    }

    /// The eight-byte path and the byte path must agree wherever a flagged byte
    /// or line break falls in a word, with LF, CRLF and lone CR endings.
    @Test func everyPositionInAWord() throws {
        for ending in ["\n", "\r\n", "\r"] {
            for k in 0..<17 {
                // Alone (the eight-byte path) and after a non-ASCII letter (the byte path).
                for marker in ["*", "_", "[", "\\", "\t", "/", "é", "]", "^", "a", "é*", "é_", "é[", "é\\", "é\t", "é/", "😀]"] {
                    let text = String(repeating: "x", count: k) + marker + "y" + ending + String(repeating: "z", count: 17 - k) + ending
                    let doc = try FountainDocument(bytes: Array(text.utf8))
                    let expected = doc.source.lineTable.map { l in
                        doc.source.bytes.withUnsafeBufferPointer { LineFlags.of($0, l.start, l.start + l.length) }
                    }
                    #expect(flags(doc) == expected, "\(text.debugDescription)")
                    #expect(doc.sourceString == text)
                }
            }
        }
    }

    /// A dialogue line of 36 columns but more bytes fits the dialogue width only
    /// when its columns are counted per scalar: the non-ASCII bit must follow edits.
    @Test func gainingAndLosingNonASCIIThroughEdits() {
        let ascii = String(repeating: "word ", count: 7) + "a"  // 36 columns, 36 bytes
        let accented = String(repeating: "word ", count: 6) + "éééé" + "a"  // 35 columns, 39 bytes
        var doc = FountainDocument(parsing: "MAYA\n\(ascii)\n")
        #expect(dialogueRows(doc) == 1)
        doc.replaceLines(1..<2, with: [accented])
        let full = FountainDocument(parsing: doc.sourceString)
        #expect(flags(doc) == flags(full))
        #expect(doc.source.lineTable[1].flags & LineFlags.nonASCII != 0)
        #expect(dialogueRows(doc) == 1)
        #expect(doc.pageMap().layout() == full.pageMap().layout())
        // Back to ASCII, now one byte too long for a row.
        doc.replaceLines(1..<2, with: [ascii + "b"])
        #expect(flags(doc) == flags(FountainDocument(parsing: doc.sourceString)))
        #expect(doc.source.lineTable[1].flags & LineFlags.nonASCII == 0)
        #expect(dialogueRows(doc) == 2)
    }

    /// A tab prints as four spaces: a line that gains one through an edit wraps as in a full parse.
    @Test func gainingATabThroughAnEdit() {
        let words = String(repeating: " word", count: 5)
        var doc = FountainDocument(parsing: "MAYA\nword\(words) abcd\n")  // 34 columns
        #expect(dialogueRows(doc) == 1)
        doc.replaceLines(1..<2, with: ["word\t" + words.dropFirst() + " ab"])  // 35 columns
        #expect(dialogueRows(doc) == 1)
        doc.replaceLines(1..<2, with: ["word\t" + words.dropFirst() + " abcd"])  // 37 columns, 34 bytes
        let full = FountainDocument(parsing: doc.sourceString)
        #expect(flags(doc) == flags(full))
        #expect(dialogueRows(doc) == 2)
        #expect(doc.pageMap().layout() == full.pageMap().layout())
    }

    /// Emphasis markers hide bytes: a line that gains them keeps its printed width.
    @Test func gainingEmphasisThroughAnEdit() {
        let line = String(repeating: "word ", count: 7) + "a"  // 36 columns
        var doc = FountainDocument(parsing: "MAYA\n\(line)\n")
        doc.replaceLines(1..<2, with: ["*" + line + "*"])
        let full = FountainDocument(parsing: doc.sourceString)
        #expect(flags(doc) == flags(full))
        #expect(dialogueRows(doc) == 1)
        #expect(doc.pageMap().layout() == full.pageMap().layout())
    }
}
