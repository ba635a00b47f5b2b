@testable import EditorCore
import Testing

@Suite("Autocomplete of cues and scene headings")
struct AutocompleteTests {
    static let script = """
    INT. VAULT - NIGHT

    MARLOWE
    Quiet.

    VERA
    Hurry.

    MARLOWE
    Done.

    EXT. ROOFTOP - DAY

    """

    @Test func cueCompletesFromTheCastWithTab() {
        let editor = EditorNotation.editor(Self.script + "\n|")
        EditorNotation.run(editor, "MA")
        #expect(editor.state.completion?.candidates == ["MARLOWE"])
        #expect(editor.state.completion?.remainder == "RLOWE")
        EditorNotation.run(editor, "<tab>")
        #expect(editor.state.buffer.lines.last == "MARLOWE")
        #expect(editor.state.completion == nil)
    }

    @Test func ghostTextIsDrawnDimmedAfterTheCursor() throws {
        let editor = EditorNotation.editor(Self.script + "\n|", width: 80, height: 30)
        EditorNotation.run(editor, "VE", width: 80, height: 30)
        let frame = editor.render(width: 80, height: 30)
        let cursor = try #require(frame.cursorPosition)
        #expect(frame.grid[cursor.row, cursor.column].text == "R")
        #expect(frame.grid[cursor.row, cursor.column].attributes.contains(.dim))
    }

    @Test func tabAfterTabbingToACueCompletesLowerCaseTyping() {
        let editor = EditorNotation.editor(Self.script + "\n|")
        EditorNotation.run(editor, "<tab>v<right>")
        #expect(editor.state.buffer.lines.last == "VERA")
    }

    @Test func mostFrequentNameComesFirst() {
        let editor = EditorNotation.editor(Self.script + "\nMARTA\nHi.\n\n|")
        EditorNotation.run(editor, "MA")
        #expect(editor.state.completion?.candidates == ["MARLOWE", "MARTA"])
        EditorNotation.run(editor, "<down><tab>")
        #expect(editor.state.buffer.lines.last == "MARTA")
    }

    @Test func escapeDismissesAndTypingOnKeepsItLive() {
        let editor = EditorNotation.editor(Self.script + "\n|")
        EditorNotation.run(editor, "M<esc>")
        #expect(editor.state.completion == nil)
        EditorNotation.run(editor, "A")
        #expect(editor.state.completion != nil)
        EditorNotation.run(editor, "X")
        #expect(editor.state.completion == nil)
    }

    @Test func headingPrefixThenLocationThenTime() {
        let editor = EditorNotation.editor(Self.script + "\n|")
        EditorNotation.run(editor, "ex")
        #expect(editor.state.completion?.candidates.first == "EXT. ")
        EditorNotation.run(editor, "<tab>")
        #expect(editor.state.buffer.lines.last == "EXT. ")
        #expect(editor.state.completion?.candidates == ["ROOFTOP", "VAULT"])
        EditorNotation.run(editor, "v<tab> - ")
        #expect(editor.state.buffer.lines.last == "EXT. VAULT - ")
        #expect(editor.state.completion?.candidates.prefix(2) == ["DAY", "NIGHT"])
        EditorNotation.run(editor, "n<tab>")
        #expect(editor.state.buffer.lines.last == "EXT. VAULT - NIGHT")
    }

    @Test func noCompletionInTheMiddleOfALine() {
        let editor = EditorNotation.editor(Self.script + "\nM|X")
        EditorNotation.run(editor, "A")
        #expect(editor.state.completion == nil)
    }
}

@Suite("Autocomplete of extensions and transitions")
struct ExtensionAndTransitionCompletionTests {
    @Test func cueExtensionCompletes() {
        let editor = EditorNotation.editor(AutocompleteTests.script + "\n|")
        EditorNotation.run(editor, "VERA (v")
        #expect(editor.state.completion?.candidates == ["V.O.)"])
        EditorNotation.run(editor, "<tab>")
        #expect(editor.state.buffer.lines.last == "VERA (V.O.)")
    }

    @Test func transitionCompletesAfterTab() {
        let editor = EditorNotation.editor(AutocompleteTests.script + "\n|")
        EditorNotation.run(editor, "<tab><tab>sm")
        #expect(editor.state.completion?.candidates == ["SMASH CUT TO:"])
        EditorNotation.run(editor, "<right>")
        #expect(editor.state.buffer.lines.last == "SMASH CUT TO:")
    }
}
