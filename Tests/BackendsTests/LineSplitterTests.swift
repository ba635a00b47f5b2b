import Testing
@testable import Backends

@Suite struct LineSplitterTests {
    /// Feeds `bytes` cut at `cuts` and returns every line, the unterminated one included.
    private func lines(_ bytes: [UInt8], cuts: [Int], maxLineBytes: Int = 1024) throws -> [String] {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var result: [String] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            result += try splitter.feed(bytes[start..<cut])
            start = cut
        }
        if let last = splitter.finish() { result.append(last) }
        return result
    }

    @Test func everyLineEndingAndEveryCutGiveTheSameLines() throws {
        let text = "caf\u{E9} \u{2014} one\r\ntwo\rthree\n\nfour \u{1F3AC}\r\r\nfive"
        let bytes = Array(text.utf8)
        let expected = ["caf\u{E9} \u{2014} one", "two", "three", "", "four \u{1F3AC}", "", "five"]
        #expect(try lines(bytes, cuts: []) == expected)
        for cut in 1..<bytes.count {
            #expect(try lines(bytes, cuts: [cut]) == expected, "cut at \(cut)")
        }
        #expect(try lines(bytes, cuts: Array(1..<bytes.count)) == expected, "byte by byte")
    }

    @Test func crlfSplitBetweenChunksIsOneLineBreak() throws {
        var splitter = LineSplitter()
        #expect(try splitter.feed(Array("a\r".utf8)) == ["a"])
        #expect(try splitter.feed(Array("\nb\n".utf8)) == ["b"])
        #expect(splitter.finish() == nil)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var splitter = LineSplitter()
        #expect(try splitter.feed([0x61, 0xFF, 0x62, 0x0A]) == ["a\u{FFFD}b"])
    }

    @Test func anOversizedLineThrowsInsteadOfGrowing() {
        var splitter = LineSplitter(maxLineBytes: 16)
        #expect(throws: LineTooLong(limit: 16)) {
            _ = try splitter.feed(Array(repeating: UInt8(ascii: "x"), count: 17))
        }
        var fits = LineSplitter(maxLineBytes: 16)
        #expect((try? fits.feed(Array(repeating: UInt8(ascii: "x"), count: 16) + [0x0A]))?.first?.count == 16)
    }
}
