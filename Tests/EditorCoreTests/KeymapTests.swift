@testable import EditorCore
import Testing

@Suite("Keymap table and config overrides")
struct KeymapTests {
    @Test func specsParseAndPrint() throws {
        #expect(KeyBinding(spec: "ctrl-s") == KeyBinding(.ctrl("s")))
        #expect(KeyBinding(spec: "C-S") == KeyBinding(.ctrl("s")))
        #expect(KeyBinding(spec: "shift-f3") == KeyBinding(.function(3), .shift))
        #expect(KeyBinding(spec: "ctrl-pagedown") == KeyBinding(.pageDown, .control))
        #expect(KeyBinding(spec: "shift-tab") == KeyBinding(.backTab))
        #expect(KeyBinding(spec: "ctrl-space") == KeyBinding(.ctrl(" ")))
        #expect(KeyBinding(spec: "f13") == nil)
        #expect(KeyBinding(spec: "ctrl-") == nil)
        #expect(KeyBinding(spec: "hyper-x") == nil)
        for (spec, _) in Keymap.defaults {
            let binding = try #require(KeyBinding(spec: spec))
            #expect(KeyBinding(spec: binding.description) == binding, "round trip of \(spec)")
        }
        #expect(KeyBinding(.ctrl("s")).displayName == "^S")
        #expect(KeyBinding(.function(1)).displayName == "F1")
    }

    @Test func everyDefaultNamesACommandAndNoKeyNeedsAlt() {
        let names = Set(CommandTable.all.map(\.name))
        for (spec, command) in Keymap.defaults {
            #expect(names.contains(command), "\(spec) → \(command)")
            #expect(!spec.contains("alt-"))
        }
        // Every command is reachable by some key.
        let bound = Set(Keymap.standard.bindings.values)
        #expect(names.subtracting(bound).isEmpty)
        // The keys the editor left free for the suggestion pane went to it.
        for spec in ["ctrl-space", "ctrl-n", "ctrl-p", "ctrl-t", "ctrl-e", "f4", "f5", "f6", "f7", "f8"] {
            #expect(Keymap.standard.command(for: KeyBinding(spec: spec)!)?.hasPrefix("suggest") == true, "\(spec)")
        }
    }

    @Test func overridesRebindByCommandName() {
        let editor = Editor(document: Document(path: nil, text: "ab"), keymapOverrides: ["undo": "ctrl-z, f12", "suspend": "none"])
        #expect(editor.keymapErrors.isEmpty)
        #expect(editor.keymap.command(for: KeyBinding(.ctrl("z"))) == "undo")
        #expect(editor.keymap.command(for: KeyBinding(.function(12))) == "undo")
        #expect(editor.keymap.command(for: KeyBinding(.ctrl("u"))) == nil)
        #expect(editor.keymap.keys(for: "suspend").isEmpty)
        _ = editor.handle(.key(.text("x")))
        #expect(editor.handle(.key(.ctrl("z"))).isEmpty)
        #expect(editor.text == "ab")
    }

    @Test func badOverridesAreReportedAndSkipped() {
        let editor = Editor(document: Document(path: nil, text: ""), keymapOverrides: ["teleport": "ctrl-t", "save": "ctrl-?", "redo": "f9"])
        #expect(editor.keymapErrors.count == 2)
        #expect(editor.keymapErrors.contains { $0.contains("teleport") })
        #expect(editor.keymapErrors.contains { $0.contains("ctrl-?") })
        #expect(editor.keymap.command(for: KeyBinding(.ctrl("s"))) == "save")
        #expect(editor.keymap.command(for: KeyBinding(.function(9))) == "redo")
    }

    @Test func helpEntriesShowTheOverriddenKeys() {
        let editor = Editor(document: Document(path: nil, text: ""), keymapOverrides: ["undo": "ctrl-z"])
        let undo = editor.helpEntries.first { $0.command == "undo" }
        #expect(undo?.keys == ["^Z"])
    }

    @Test func unboundCtrlKeySaysSo() {
        let editor = EditorNotation.editor("|")
        EditorNotation.run(editor, "<C-b>")
        #expect(editor.state.message?.text.contains("not bound") == true)
        #expect(editor.text == "")
    }
}
