import Testing
@testable import Fountain

/// Big inputs parse without blowing up (time is measured by the benchmark,
/// not asserted here).
struct LargeInputTests {
    @Test func fiftyMegabyteScript() throws {
        let block = Array("""
            INT. WAREHOUSE - NIGHT #12#

            Rain drums on the *tin* roof. **Nobody** moves.

            MAYA (V.O.)
            (quietly)
            We were never here.

            JONAH ^
            Never.

            [[Check continuity.]]

            /* an old line */
            CUT TO:


            """.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1024 * 1024 + block.count)
        while bytes.count < 50 * 1024 * 1024 { bytes += block }
        let doc = try FountainDocument(bytes: bytes)
        let blocks = bytes.count / block.count
        #expect(doc.elements.count == blocks * 10)
        #expect(doc.source.lineCount == blocks * 16 + 1)
        #expect(doc.bytes.count == bytes.count)
    }

    @Test func oneMegabyteSingleLine() throws {
        var line: [UInt8] = []
        let words = Array("word *emph* _under_ [[note]] /* bone */ ".utf8)
        while line.count < 1024 * 1024 { line += words }
        let doc = try FountainDocument(bytes: line)
        #expect(doc.elements.count == 1)
        #expect(doc.elements[0].kind == .action)
        #expect(doc.bytes == line)
        let chunks = line.count / words.count
        // italic, underline, note and boneyard in every chunk
        #expect(doc.elements[0].spans.count == chunks * 4)
    }

    @Test func oneMegabyteOfOpenersDoesNotGoQuadratic() throws {
        // Thousands of unmatched openers of both kinds on one line.
        let line = Array(String(repeating: "*a _b [[c /*d ", count: 70_000).utf8)
        let doc = try FountainDocument(bytes: line)
        #expect(doc.elements.count == 1)
        #expect(doc.bytes == line)
    }

    @Test func manyLinesCutByABoneyard() throws {
        let bytes = Array(String(repeating: "He /* not */ waits [[why]].\n", count: 200_000).utf8)
        let doc = try FountainDocument(bytes: bytes)
        #expect(doc.elements.count == 1)
        #expect(doc.elements[0].spans.count == 400_000)
    }

    @Test func manyBlankLines() throws {
        let doc = try FountainDocument(bytes: [UInt8](repeating: 0x0A, count: 1_000_000))
        #expect(doc.elements.isEmpty)
        #expect(doc.source.lineCount == 1_000_001)
    }
}
