import Testing
@testable import Backends

@Suite struct ServerSentEventParserTests {
    private func events(_ bytes: [UInt8], cuts: [Int]) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser(maxLineBytes: 4096)
        var result: [ServerSentEvent] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            result += try parser.feed(bytes[start..<cut])
            start = cut
        }
        return result + parser.finish()
    }

    static let stream = "\u{FEFF}: keep-alive ping\r\n"
        + "data: {\"text\":\"Vera \u{E9}\u{1F3AC}\"}\r\n\r\n"
        + "event: update\nid: 7\nretry: 100\nunknown: x\ndata:first\ndata:  second\ndata\n\n"
        + ":comment only\n\n"
        + "id: 8\n\n"
        + "data: [DONE]\r\r"

    static let expected = [
        ServerSentEvent(type: "message", data: "{\"text\":\"Vera \u{E9}\u{1F3AC}\"}"),
        ServerSentEvent(type: "update", data: "first\n second\n"),
        ServerSentEvent(type: "message", data: "[DONE]"),
    ]

    @Test func parsesCommentsFieldsAndMultiLineData() throws {
        #expect(try events(Array(Self.stream.utf8), cuts: []) == Self.expected)
    }

    @Test func chunksSplitAnywhereGiveTheSameEvents() throws {
        let bytes = Array(Self.stream.utf8)
        for cut in 1..<bytes.count {
            #expect(try events(bytes, cuts: [cut]) == Self.expected, "cut at \(cut)")
        }
        for first in stride(from: 1, to: bytes.count, by: 7) {
            for second in stride(from: first + 1, to: bytes.count, by: 5) {
                #expect(try events(bytes, cuts: [first, second]) == Self.expected, "cuts at \(first), \(second)")
            }
        }
        #expect(try events(bytes, cuts: Array(1..<bytes.count)) == Self.expected, "byte by byte")
    }

    @Test func aPendingEventIsDeliveredAtTheEndOfTheStream() throws {
        #expect(try events(Array("data: last".utf8), cuts: []) == [ServerSentEvent(type: "message", data: "last")])
    }

    @Test func anOversizedFieldThrows() {
        var parser = ServerSentEventParser(maxLineBytes: 64)
        #expect(throws: LineTooLong(limit: 64)) {
            _ = try parser.feed(Array(("data: " + String(repeating: "x", count: 100)).utf8))
        }
    }
}
