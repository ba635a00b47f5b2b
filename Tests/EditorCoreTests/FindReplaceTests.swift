@testable import EditorCore
import Testing

@Suite("Find and replace")
struct FindReplaceTests {
    @Test func findIsIncrementalAndCaseInsensitive() {
        expectEdit("|The torch. A TORCH.", "<C-f>torch", "The [torch|]. A TORCH.")
        expectEdit("|The torch. A TORCH.", "<C-f>torch<enter>", "The |torch. A TORCH.")
    }

    @Test func findNextAndPreviousWrap() {
        let editor = EditorNotation.editor("|torch a\ntorch b")
        EditorNotation.run(editor, "<C-f>torch<enter><f3>")
        #expect(EditorNotation.marked(editor) == "torch a\n[torch|] b")
        EditorNotation.run(editor, "<f3>")
        #expect(EditorNotation.marked(editor) == "[torch|] a\ntorch b")
        #expect(editor.state.message?.text.contains("wrapped") == true)
        EditorNotation.run(editor, "<S-f3>")
        #expect(EditorNotation.marked(editor) == "torch a\n[torch|] b")
    }

    @Test func escapeRestoresTheCursor() {
        expectEdit("ab|c torch", "<C-f>tor<esc>", "ab|c torch")
    }

    @Test func notFoundSaysSo() {
        let editor = EditorNotation.editor("|abc")
        EditorNotation.run(editor, "<C-f>zzz<enter><f3>")
        #expect(editor.state.message?.isError == true)
    }

    @Test func matchesAreHighlighted() throws {
        let editor = EditorNotation.editor("|one torch two torch", width: 80, height: 10)
        EditorNotation.run(editor, "<C-f>torch", width: 80, height: 10)
        let frame = editor.render(width: 80, height: 10)
        let roles = frame.grid.row(1).map(\.role)
        #expect(roles.filter { $0 == .selection }.count == 5)
        #expect(roles.filter { $0 == .searchMatch }.count == 5)
    }

    @Test func replaceOneByOne() {
        expectEdit("|cat cat cat", "<C-r>cat<enter>dog<enter>yny", "dog cat dog|")
    }

    @Test func replaceAllIsOneUndoStep() {
        let editor = EditorNotation.editor("|Vera\nvera here\nVERA")
        EditorNotation.run(editor, "<C-r>vera<enter>MARLOWE<enter>a")
        #expect(editor.text == "MARLOWE\nMARLOWE here\nMARLOWE")
        #expect(editor.state.message?.text == "Replaced 3")
        EditorNotation.run(editor, "<C-u>")
        #expect(editor.text == "Vera\nvera here\nVERA")
    }
}
