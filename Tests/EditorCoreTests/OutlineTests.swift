@testable import EditorCore
import Testing

@Suite("Outline of scenes and sections, go to scene")
struct OutlineTests {
    static let script = """
    # Act One

    INT. VAULT - NIGHT

    Marlowe kneels.

    ## The escape

    EXT. ROOFTOP - DAY #12A#

    Wind.

    INT. VAN - NIGHT

    Engines.
    """

    @Test func outlineListsScenesAndSectionsWithNumbers() {
        let editor = EditorNotation.editor(Self.script)
        let items = editor.syntax.outlineItems()
        #expect(items.map(\.title) == ["Act One", "INT. VAULT - NIGHT", "The escape", "EXT. ROOFTOP - DAY", "INT. VAN - NIGHT"])
        #expect(items.map(\.isSection) == [true, false, true, false, false])
        #expect(items.filter { !$0.isSection }.map(\.number) == ["1", "12A", "3"])
        #expect(items.map(\.line) == [0, 2, 6, 8, 12])
    }

    @Test func pickerFiltersAndJumps() {
        let editor = EditorNotation.editor("|" + Self.script)
        EditorNotation.run(editor, "<C-g>van<enter>")
        #expect(editor.state.selection.head == TextPosition(line: 12, byte: 0))
        #expect(editor.state.prompt == nil)
        #expect(editor.statusInfo().scene == "3")
    }

    @Test func pickerArrowsChooseAndEscapeCancels() {
        let editor = EditorNotation.editor("|" + Self.script)
        EditorNotation.run(editor, "<C-g><down><down><down><enter>")
        #expect(editor.state.selection.head.line == 8)
        EditorNotation.run(editor, "<f2><up><esc>")
        #expect(editor.state.selection.head.line == 8)
    }

    @Test func sceneJumps() {
        let editor = EditorNotation.editor("|" + Self.script)
        EditorNotation.run(editor, "<C-pagedown>")
        #expect(editor.state.selection.head.line == 2)
        EditorNotation.run(editor, "<f10><f10>")
        #expect(editor.state.selection.head.line == 12)
        EditorNotation.run(editor, "<C-pageup>")
        #expect(editor.state.selection.head.line == 8)
        #expect(editor.statusInfo().scene == "12A")
    }

    @Test func pickerIsDrawnInTheTextArea() {
        let editor = EditorNotation.editor("|" + Self.script, width: 80, height: 20)
        EditorNotation.run(editor, "<C-g>", width: 80, height: 20)
        let frame = editor.render(width: 80, height: 20)
        let rows = (0..<20).map { frame.grid.text(ofRow: $0) }
        #expect(rows.contains { $0.contains("12A. EXT. ROOFTOP - DAY") })
        #expect(rows.contains { $0.contains("Go to scene") })
    }
}

@Suite("Outline stays right while editing")
struct OutlineEditingTests {
    @Test func editsKeepTheOutlineEqualToAFreshOne() {
        let editor = EditorNotation.editor("|" + OutlineTests.script)
        _ = editor.syntax.outlineItems()
        let steps = ["<C-end><enter>EXT. DOCK - DAY<enter>Gulls.", "<C-home><down><down>X", "<C-home><C-pagedown><end><bs><bs><bs><bs><bs>",
                     "<C-home><enter><enter>## Prologue<enter>", "<C-a><C-x>", "<C-u>"]
        for keys in steps {
            EditorNotation.run(editor, keys)
            let carried = editor.syntax.outlineItems()
            var fresh = FountainSyntax(lines: editor.state.buffer.lines)
            #expect(carried == fresh.outlineItems(), "after \(keys)")
        }
    }
}
