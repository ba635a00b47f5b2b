@testable import EditorCore
import Testing

@Suite("Enter and Tab element flow")
struct ElementFlowTests {
    @Test func enterAfterACueGoesToDialogue() {
        let editor = EditorNotation.editor("Vera waits.\n\nMARLOWE|")
        EditorNotation.run(editor, "<enter>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\nMARLOWE\n|")
        #expect(editor.statusInfo().element == "Dialogue")
        EditorNotation.run(editor, "Two more turns.")
        #expect(editor.syntax.style(ofLine: 2).element == .character)
        #expect(editor.syntax.style(ofLine: 3).element == .dialogue)
    }

    @Test func enterAfterDialogueLeavesABlankLineForAction() {
        expectEdit("MARLOWE\nQuiet.|", "<enter>", "MARLOWE\nQuiet.\n\n|")
        let editor = EditorNotation.editor("MARLOWE\nQuiet.|")
        EditorNotation.run(editor, "<enter>")
        #expect(editor.statusInfo().element == "Action")
    }

    @Test func enterInTheMiddleOfALineJustSplitsIt() {
        expectEdit("Vera| waits.", "<enter>", "Vera\n| waits.")
    }

    @Test func enterBeforeFollowingTextKeepsParagraphsApart() {
        expectEdit("One.|\nTwo.", "<enter>", "One.\n\n|\n\nTwo.")
    }

    @Test func tabTurnsActionIntoACueInCapitals() {
        let editor = EditorNotation.editor("Vera waits.\n\nmarlowe|\nHello.")
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\nMARLOWE|\nHello.")
        #expect(editor.syntax.style(ofLine: 2).element == .character)
    }

    @Test func tabOnAnEmptyLineThenTypingMakesACue() {
        let editor = EditorNotation.editor("Vera waits.\n\n|")
        EditorNotation.run(editor, "<tab>vera<enter>Hi.")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\nVERA\nHi.|")
        #expect(editor.syntax.style(ofLine: 2).element == .character)
        #expect(editor.syntax.style(ofLine: 3).element == .dialogue)
    }

    @Test func tabAddsAForcingMarkerOnlyWhenNeeded() {
        // A name with lower-case letters cannot be an unforced cue... but it
        // is uppercased; a non-Latin name needs `@`.
        let editor = EditorNotation.editor("Vera waits.\n\n李|\nHello.")
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\n@李|\nHello.")
        #expect(editor.syntax.style(ofLine: 2).element == .character)
    }

    @Test func tabCyclesActionCueTransitionHeadingAction() {
        let editor = EditorNotation.editor("Vera waits.\n\nsmash cut|\n\nMore.")
        EditorNotation.run(editor, "<tab><tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\n>SMASH CUT|\n\nMore.")
        #expect(editor.syntax.style(ofLine: 2).element == .transition)
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\n.SMASH CUT|\n\nMore.")
        #expect(editor.syntax.style(ofLine: 2).element == .sceneHeading)
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\nSMASH CUT|\n\nMore.")
        #expect(editor.syntax.style(ofLine: 2).element == .action)
    }

    @Test func aHeadingTurnedIntoActionIsForced() {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT|\n\nMore.")
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "!INT. VAULT - NIGHT|\n\nMore.")
        #expect(editor.syntax.style(ofLine: 0).element == .action)
    }

    @Test func tabInDialogueMakesAParenthetical() {
        let editor = EditorNotation.editor("MARLOWE\nwhispering|")
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "MARLOWE\n(whispering)|")
        #expect(editor.syntax.style(ofLine: 1).element == .parenthetical)
        EditorNotation.run(editor, "<S-tab>")
        #expect(EditorNotation.marked(editor) == "MARLOWE\nwhispering|")
        #expect(editor.syntax.style(ofLine: 1).element == .dialogue)
    }

    @Test func tabOnAnEmptyDialogueLineOpensAParenthetical() {
        expectEdit("MARLOWE|", "<enter><tab>", "MARLOWE\n(|)")
    }

    @Test func aCueNeedsABlankLineBefore() {
        let editor = EditorNotation.editor("Vera waits.\nmarlowe|\nHello.")
        EditorNotation.run(editor, "<tab>")
        #expect(EditorNotation.marked(editor) == "Vera waits.\n\nMARLOWE|\nHello.")
    }

    @Test func oneUndoRevertsAFlowChange() {
        expectEdit("Vera waits.\nmarlowe|\nHello.", "<tab><C-u>", "Vera waits.\nmarlowe|\nHello.")
    }

    @Test func aWholeSceneTypedWithEnterAndTab() {
        let editor = EditorNotation.editor("|")
        EditorNotation.run(editor, "int. vault - night<enter>Marlowe kneels.<enter><tab>marlowe<enter><tab>whispering<enter>Quiet.<enter>")
        #expect(editor.text == "int. vault - night\n\nMarlowe kneels.\n\nMARLOWE\n(whispering)\nQuiet.\n\n")
        let kinds = (0..<7).map { editor.syntax.style(ofLine: $0).element }
        #expect(kinds == [.sceneHeading, .action, .action, .action, .character, .parenthetical, .dialogue])
    }
}
