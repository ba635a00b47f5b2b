import Testing
@testable import Fountain

struct NoteTests {
    @Test func standaloneNote() {
        let e = parse("Action.\n\n[[Fix this scene.]]\n\nMore.")
        #expect(e[1].kind == .note)
        #expect(e[1].text == "Fix this scene.")
        #expect(e[1].spans.map(\.kind) == [.note])
    }

    @Test func multiLineNoteWithTwoSpaceBlank() {
        let e = parse("[[A note\nthat goes on\n  \nand on.]]\n\nAfter.")
        #expect(e[0].kind == .note)
        #expect(e[0].text == "A note\nthat goes on\n\nand on.")
        #expect(e[0].lines == 0..<4)
    }

    @Test func trueBlankLineEndsTheNoteAttempt() {
        let e = parse("[[A note\n\nand on.]]")
        #expect(e.map(\.kind) == [.action, .action])
    }

    @Test func inlineNoteStaysInTextWithASpan() {
        let e = parse("He waits [[too long?]] at the door.\n")
        #expect(e[0].kind == .action)
        #expect(e[0].text == "He waits [[too long?]] at the door.")
        let s = e[0].spans[0]
        #expect(s.kind == .note)
        #expect(s.range == SourcePosition(line: 0, column: 9)..<SourcePosition(line: 0, column: 22))
        #expect(s.content == SourcePosition(line: 0, column: 11)..<SourcePosition(line: 0, column: 20))
    }

    @Test func noteAcrossDialogueLines() {
        let e = parse("JOHN\nI think [[check\nthis]] works.")
        #expect(e[1].spans.first?.range == SourcePosition(line: 1, column: 8)..<SourcePosition(line: 2, column: 6))
    }

    @Test func unclosedNoteIsText() {
        let e = parse("[[Never closed\n")
        #expect(e[0].kind == .action)
        #expect(e[0].spans.isEmpty)
    }
}
