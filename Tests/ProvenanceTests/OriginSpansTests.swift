import Testing
@testable import Provenance

@Suite struct OriginSpansTests {
    @Test func aiOverMultilineTextLeavesNewlinesHuman() {
        let spans = OriginSpans(.ai, over: "ab\ncd")
        #expect(spans.spans == [OriginSpan(bytes: 0..<2, origin: .ai), OriginSpan(bytes: 3..<5, origin: .ai)])
        #expect(spans.origin(atByte: 2) == .human)
        #expect(spans.origin(atByte: 4) == .ai)
        #expect(OriginSpans(.human, over: "abc").isAllHuman)
    }

    @Test func touchingSpansOfOneOriginMergeAndHumanOnesVanish() {
        let spans = OriginSpans([
            OriginSpan(bytes: 0..<2, origin: .ai), OriginSpan(bytes: 2..<4, origin: .ai),
            OriginSpan(bytes: 4..<6, origin: .human), OriginSpan(bytes: 6..<6, origin: .ai),
            OriginSpan(bytes: 6..<8, origin: .aiEdited),
        ])
        #expect(spans.spans == [OriginSpan(bytes: 0..<4, origin: .ai), OriginSpan(bytes: 6..<8, origin: .aiEdited)])
    }

    @Test func clippedMovesToTheRangeStart() {
        let spans = OriginSpans([OriginSpan(bytes: 2..<6, origin: .ai), OriginSpan(bytes: 8..<10, origin: .aiEdited)])
        #expect(spans.clipped(to: 4..<9).spans == [OriginSpan(bytes: 0..<2, origin: .ai), OriginSpan(bytes: 4..<5, origin: .aiEdited)])
        #expect(spans.clipped(to: 6..<8).isAllHuman)
    }

    @Test func markingARunStopsAtHumanText() {
        var spans = OriginSpans([
            OriginSpan(bytes: 0..<3, origin: .ai), OriginSpan(bytes: 3..<5, origin: .aiEdited),
            OriginSpan(bytes: 5..<7, origin: .ai), OriginSpan(bytes: 9..<12, origin: .ai),
        ])
        spans.markRunEdited(containing: 1)
        #expect(spans.spans == [OriginSpan(bytes: 0..<7, origin: .aiEdited), OriginSpan(bytes: 9..<12, origin: .ai)])
    }

    @Test func runsCountCharactersNotBytes() {
        // "Zoë" is 4 bytes, 3 characters; the AI text starts at byte 4.
        let line = "Zoë nods"
        let spans = OriginSpans([OriginSpan(bytes: 4..<9, origin: .ai)])
        #expect(spans.runs(in: line) == [OriginRun(columns: 0..<3, origin: .human), OriginRun(columns: 3..<8, origin: .ai)])
        #expect(OriginSpans().runs(in: "") == [])
    }
}
