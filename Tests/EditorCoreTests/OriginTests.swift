@testable import EditorCore
import Provenance
import Testing

@Suite("Origins follow every edit")
struct OriginTests {
    /// An editor on `before` (cursor notation) with `ai` inserted at the cursor as AI text.
    static func editorWithAI(_ before: String, _ ai: String) -> Editor {
        let editor = EditorNotation.editor(before)
        editor.insertText(ai, origin: .ai)
        return editor
    }

    @Test func insertedAITextIsMarkedAndOneUndoStep() {
        let editor = Self.editorWithAI("Vera |", "lies.\nMarlowe nods.")
        #expect(OriginNotation.marked(editor) == "Vera {lies.}\n{Marlowe nods.}")
        #expect(editor.origins(ofLine: 1) == [OriginRun(columns: 0..<13, origin: .ai)])
        EditorNotation.run(editor, "<C-u>")
        #expect(editor.text == "Vera ")
        #expect(OriginNotation.marked(editor) == "Vera ")
        EditorNotation.run(editor, "<C-y>")
        #expect(OriginNotation.marked(editor) == "Vera {lies.}\n{Marlowe nods.}")
    }
}
