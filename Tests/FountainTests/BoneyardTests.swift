import Testing
@testable import Fountain

struct BoneyardTests {
    @Test func inlineBoneyardIsRemovedFromText() {
        let e = parse("He walks /* slowly */ in.\n")
        #expect(e[0].text == "He walks  in.")
        #expect(e[0].spans.map(\.kind) == [.boneyard])
        #expect(e[0].spans[0].range == SourcePosition(line: 0, column: 9)..<SourcePosition(line: 0, column: 21))
    }

    @Test func boneyardCrossesParagraphs() {
        let e = parse("Keep.\n\n/*\nCUT SCENE\n\nJOHN\nGone.\n*/\n\nAlso kept.")
        #expect(e.map(\.kind) == [.action, .boneyard, .action])
        #expect(e[1].lines == 2..<8)
        #expect(e[2].text == "Also kept.")
    }

    @Test func boneyardLinesInsideAParagraphAreTransparent() {
        let e = parse("This is something.\n/*\nnope\n*/\nOK.")
        #expect(e.count == 1)
        #expect(e[0].text == "This is something.\nOK.")
        #expect(e[0].lines == 0..<5)
    }

    @Test func headingAfterBoneyardStillHasItsBlankLine() {
        #expect(shape("/*\nold\n*/\nEXT. MANSION\n\nThis is the mansion.") ==
            ["boneyard:", "scene_heading:EXT. MANSION", "action:This is the mansion."])
    }

    @Test func unterminatedOpenerIsText() {
        let e = parse("A /* never closed\n\nB.")
        #expect(e.map(\.text) == ["A /* never closed", "B."])
    }

    @Test func closerWithoutOpenerIsText() {
        #expect(parse("Done */ here.\n")[0].text == "Done */ here.")
    }

    @Test func boneyardHidesForcingAndNotes() {
        let e = parse("/* [[note]] */JOHN\nHi.")
        #expect(e.map(\.kind.typeName) == ["character", "dialogue"])
    }
}
