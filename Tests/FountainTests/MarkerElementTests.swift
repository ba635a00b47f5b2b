import Testing
@testable import Fountain

/// Centered text, page breaks, sections, synopses and lyrics: the elements
/// a leading marker decides.
struct MarkerElementTests {
    @Test func centered() {
        #expect(shape(">THE END<") == ["centered:THE END"])
        #expect(shape(">  **THE END**  <") == ["centered:**THE END**"])
        #expect(shape("  > THE END <  ") == ["centered:THE END"])
    }

    @Test func pageBreak() {
        #expect(shape("One.\n\n===\n\nTwo.") == ["action:One.", "page_break:", "action:Two."])
        #expect(parse("=====\n")[0].kind == .pageBreak)
        #expect(parse("== =\n")[0].kind == .synopsis)
    }

    @Test func sectionsWithDepth() {
        let e = parse("# Act One\n\n## Sequence\n\n### Beat\n")
        #expect(e.map(\.kind) == [.section(depth: 1), .section(depth: 2), .section(depth: 3)])
        #expect(e.map(\.text) == ["Act One", "Sequence", "Beat"])
    }

    @Test func synopsis() {
        #expect(shape("= Set up the characters.") == ["synopsis:Set up the characters."])
        #expect(shape("# ACT I\n= Set up.") == ["section:ACT I", "synopsis:Set up."])
    }

    @Test func lyrics() {
        #expect(shape("~Willy Wonka! Willy Wonka!") == ["lyrics:Willy Wonka! Willy Wonka!"])
        #expect(shape("~Line one\n~Line two") == ["lyrics:Line one\nLine two"])
        // A paragraph mixing `~` and plain lines is action (as Jouvence reads it).
        #expect(shape("~This is lyrics\nBut this is not") == ["action:~This is lyrics\nBut this is not"])
    }

    @Test func markersAfterASingleLineElementInTheSameParagraph() {
        #expect(shape(".FLASHBACK\n= What happened.\nHe runs.") == ["scene_heading:FLASHBACK", "synopsis:What happened.", "action:He runs."])
    }
}
