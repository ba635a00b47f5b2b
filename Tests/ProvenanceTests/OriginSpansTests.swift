import Testing
@testable import Provenance

@Suite struct OriginSpansTests {
    @Test func aiOverMultilineTextLeavesNewlinesHuman() {
        let spans = OriginSpans(.ai, over: "ab\ncd")
        #expect(spans.spans == [OriginSpan(bytes: 0..<2, origin: .ai), OriginSpan(bytes: 3..<5, origin: .ai)])
        #expect(spans.origin(atByte: 2) == .human)
        #expect(spans.origin(atByte: 4) == .ai)
    }
}
