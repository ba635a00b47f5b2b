import Testing
@testable import Fountain

struct DialogueTests {
    @Test func dialogueAndParentheticals() {
        #expect(shape("STEEL\n(starting the engine)\nSo much for retirement!\n(beat)\nRight.") == [
            "character:STEEL", "parenthetical:(starting the engine)", "dialogue:So much for retirement!",
            "parenthetical:(beat)", "dialogue:Right.",
        ])
    }

    @Test func multiLineDialogueIsOneElement() {
        #expect(shape("DAN\nThen let's retire them.\n_Permanently_.") == [
            "character:DAN", "dialogue:Then let's retire them.\n_Permanently_.",
        ])
    }

    @Test func twoSpacesKeepABlankLineInsideDialogue() {
        let e = parse("BRICK\nI'm not sure.\n  \nBut maybe.\n\nAction.")
        #expect(e.map(\.kind.typeName) == ["character", "dialogue", "action"])
        #expect(e[1].text == "I'm not sure.\n\nBut maybe.")
        #expect(e[1].lines == 1..<4)
    }

    @Test func lyricsInsideDialogue() {
        #expect(shape("SINGER\n~Row, row, row\n~ your boat\n(beat)\n~Gently") == ["character:SINGER", "lyrics:Row, row, row\nyour boat", "parenthetical:(beat)", "lyrics:Gently"])
    }

    @Test func dualDialoguePairsWithThePreviousBlock() {
        let e = parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n\nAfter.")
        #expect(e.map(\.dual) == [.left, .left, .right, .right, nil])
        #expect(e[2].kind == .character(name: "STEEL", extension: nil, isDual: true))
        #expect(e[2].text == "STEEL")
    }

    @Test func caretWithSpacesAndParentheticals() {
        let e = parse("BRICK\n(yelling)\nNo!\n\nSTEEL (V.O.)  ^\n(calm)\nYes.")
        #expect(e.map(\.dual) == [.left, .left, .left, .right, .right, .right])
        #expect(e[3].kind == .character(name: "STEEL", extension: "(V.O.)", isDual: true))
    }

    @Test func caretWithoutPartnerIsUnpaired() {
        let e = parse("Action.\n\nSTEEL ^\nHi.")
        #expect(e[1].kind == .character(name: "STEEL", extension: nil, isDual: true))
        #expect(e.map(\.dual) == [nil, nil, nil])
    }

    @Test func thirdCaretDoesNotChain() {
        let e = parse("A\nOne.\n\nB ^\nTwo.\n\nC ^\nThree.")
        #expect(e.map(\.dual) == [.left, .left, .right, .right, nil, nil])
    }
}
