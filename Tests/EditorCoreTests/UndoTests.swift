@testable import EditorCore
import Testing

@Suite("Undo and redo grouping")
struct UndoTests {
    @Test func aTypedWordIsOneStep() {
        // A word and the spaces typed after it.
        expectEdit("|", "Vera lies<C-u>", "Vera |")
        expectEdit("|", "Vera lies<C-u><C-u>", "|")
        expectEdit("|", "Vera lies<C-u><C-u><C-y>", "Vera |")
    }

    @Test func aPasteIsOneStepAndRestoresTheCursor() {
        let editor = EditorNotation.editor("ab|cd")
        _ = editor.handle(.paste(String(repeating: "line\n", count: 200)))
        #expect(editor.state.buffer.lineCount == 201)
        EditorNotation.run(editor, "<C-u>")
        #expect(EditorNotation.marked(editor) == "ab|cd")
        EditorNotation.run(editor, "<C-y>")
        #expect(editor.state.buffer.lineCount == 201)
    }

    @Test func aCutIsOneStepAndUndoRestoresTheSelection() {
        expectEdit("a [big|] dog", "<C-x><C-u>", "a [big|] dog")
    }

    @Test func movingTheCursorEndsTheStep() {
        expectEdit("|", "ab<left>c<C-u>", "a|b")
    }

    @Test func backspaceRunIsOneStep() {
        expectEdit("hello|", "<bs><bs><bs><C-u>", "hello|")
    }

    @Test func newEditDropsRedo() {
        expectEdit("|", "ab<C-u>x<C-y>", "x|")
    }

    @Test func modifiedFlagFollowsEditsAndSave() {
        let editor = EditorNotation.editor("|")
        #expect(!editor.isModified)
        EditorNotation.run(editor, "a")
        #expect(editor.isModified)
        editor.didSave(path: "/tmp/x.fountain")
        #expect(!editor.isModified)
    }
}

@Suite("Modified flag follows the history")
struct ModifiedFlagTests {
    @Test func undoingBackToTheSavedTextIsUnmodified() {
        let editor = EditorNotation.editor("|")
        EditorNotation.run(editor, "one ")
        editor.didSave(path: "/tmp/x.fountain")
        EditorNotation.run(editor, "two")
        #expect(editor.isModified)
        EditorNotation.run(editor, "<C-u>")
        #expect(!editor.isModified)
        EditorNotation.run(editor, "<C-u>")
        #expect(editor.isModified)
        EditorNotation.run(editor, "<C-y>")
        #expect(!editor.isModified)
    }

    @Test func revisionAlwaysMoves() {
        let editor = EditorNotation.editor("|")
        let start = editor.revision
        EditorNotation.run(editor, "a<C-u>")
        #expect(editor.revision == start + 2)
    }
}
