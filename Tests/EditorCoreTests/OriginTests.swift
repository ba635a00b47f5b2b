@testable import EditorCore
import Provenance
import Testing

/// Origins through every kind of edit. Notation (OriginNotation): `{…}` ai,
/// `<…>` ai-edited, bare text human.
@Suite("Origins follow every edit")
struct OriginTests {
    /// An editor on `before` (cursor notation) with `ai` inserted at the cursor as AI text.
    static func editorWithAI(_ before: String, _ ai: String) -> Editor {
        let editor = EditorNotation.editor(before)
        editor.insertText(ai, origin: .ai)
        return editor
    }

    /// An editor whose lines `aiLines` are AI from the start (as if read from
    /// a sidecar: no undo step), cursor placed by notation.
    static func editor(_ marked: String, aiLines: [Int]) -> Editor {
        let editor = EditorNotation.editor(marked)
        var spans = editor.state.buffer.lines.map { _ in OriginSpans() }
        for line in aiLines { spans[line] = OriginSpans(.ai, over: editor.state.buffer[line]) }
        #expect(editor.adoptOrigins(ScriptOrigins(lines: spans)))
        return editor
    }

    static func after(_ editor: Editor, _ keys: String) -> String {
        EditorNotation.run(editor, keys)
        return OriginNotation.marked(editor)
    }

    @Test func insertedAITextIsMarkedAndOneUndoStep() {
        let editor = Self.editorWithAI("Vera |", "lies.\nMarlowe nods.")
        #expect(OriginNotation.marked(editor) == "Vera {lies.}\n{Marlowe nods.}")
        #expect(editor.origins(ofLine: 1) == [OriginRun(columns: 0..<13, origin: .ai)])
        #expect(editor.origins(ofLine: 0) == [OriginRun(columns: 0..<5, origin: .human), OriginRun(columns: 5..<10, origin: .ai)])
        #expect(Self.after(editor, "<C-u>") == "Vera ")
        #expect(editor.text == "Vera ")
        #expect(Self.after(editor, "<C-y>") == "Vera {lies.}\n{Marlowe nods.}")
    }

    @Test func typingInsideAnAILineEditsItAndUndoRestoresIt() {
        let editor = Self.editor("Marlowe |kneels.", aiLines: [0])
        #expect(Self.after(editor, "slowly ") == "<Marlowe >slowly <kneels.>")
        #expect(Self.after(editor, "<C-u>") == "{Marlowe kneels.}")
        #expect(Self.after(editor, "<C-y>") == "<Marlowe >slowly <kneels.>")
    }

    @Test func typingAtTheEndOfAnAILineKeepsItAI() {
        let editor = Self.editor("Marlowe kneels.|", aiLines: [0])
        #expect(Self.after(editor, " He waits.") == "{Marlowe kneels.} He waits.")
    }

    @Test func backspaceDeleteAndWordDeletesEditTheRun() {
        #expect(Self.after(Self.editor("Marlowe kneels.|", aiLines: [0]), "<bs>") == "<Marlowe kneels>")
        #expect(Self.after(Self.editor("|Marlowe kneels.", aiLines: [0]), "<del>") == "<arlowe kneels.>")
        #expect(Self.after(Self.editor("Marlowe kneels|.", aiLines: [0]), "<C-backspace>") == "<Marlowe .>")
        // Deleting the line break between two AI lines cuts no AI text.
        #expect(Self.after(Self.editor("One.|\nTwo.", aiLines: [0, 1]), "<del>") == "{One.Two.}")
    }

    @Test func enterSplitsAndFollowsTheElementFlow() {
        // Enter at the end of an AI cue: the dialogue line is the writer's.
        #expect(Self.after(Self.editor("Vera waits.\n\nMARLOWE|", aiLines: [2]), "<enter>Hi.") == "Vera waits.\n\n{MARLOWE}\nHi.")
        // Enter inside an AI line splits and edits both halves.
        #expect(Self.after(Self.editor("Vera| waits.", aiLines: [0]), "<enter>") == "<Vera>\n< waits.>")
    }

    @Test func tabTurningAnAILineIntoACueMakesItAIEdited() {
        let editor = Self.editor("Vera waits.\n\nmarlowe|\nHello.", aiLines: [2, 3])
        EditorNotation.run(editor, "<tab>")
        #expect(editor.text == "Vera waits.\n\nMARLOWE\nHello.")
        #expect(OriginNotation.marked(editor) == "Vera waits.\n\n<MARLOWE>\n{Hello.}")
        #expect(Self.after(editor, "<C-u>") == "Vera waits.\n\n{marlowe}\n{Hello.}")
    }

    @Test func cutAndPasteMoveAITextWithItsOrigin() {
        let editor = Self.editor("|The dial clicks.\nVera waits.", aiLines: [0])
        EditorNotation.run(editor, "<C-k>")
        #expect(OriginNotation.marked(editor) == "Vera waits.")
        EditorNotation.run(editor, "<C-end><enter><C-v>")
        #expect(OriginNotation.marked(editor).hasSuffix("{The dial clicks.}\n"))
        // The terminal pasting the same text (OSC 52 round trip) keeps it too.
        let pasted = Self.editor("Vera waits.\n|", aiLines: [])
        pasted.state.clipboard = editor.state.clipboard
        pasted.state.clipboardOrigins = editor.state.clipboardOrigins
        _ = pasted.handle(.paste(editor.state.clipboard))
        #expect(OriginNotation.marked(pasted) == "Vera waits.\n{The dial clicks.}\n")
    }

    @Test func textPastedFromElsewhereIsHuman() {
        let editor = Self.editor("Marlowe |kneels.", aiLines: [])
        _ = editor.handle(.paste("slowly "))
        #expect(OriginNotation.marked(editor) == "Marlowe slowly kneels.")
        // Into an AI line: it cuts the run.
        let ai = Self.editor("Marlowe |kneels.", aiLines: [0])
        _ = ai.handle(.paste("slowly "))
        #expect(OriginNotation.marked(ai) == "<Marlowe >slowly <kneels.>")
    }

    @Test func copyKeepsTheOriginsOfPartOfALine() {
        let editor = Self.editorWithAI("Vera |", "lies")
        EditorNotation.run(editor, "<home><S-end><C-c><end><enter><C-v>")
        #expect(OriginNotation.marked(editor) == "Vera {lies}\n\nVera {lies}")
    }

    @Test func replaceAllRewritesAIWordsAsAIEditedInOneUndoStep() {
        let editor = Self.editor("|Vera lies.\nVera smiles.\nVera waits.", aiLines: [0, 2])
        EditorNotation.run(editor, "<C-r>Vera<enter>Nina<enter>a")
        #expect(editor.text == "Nina lies.\nNina smiles.\nNina waits.")
        #expect(OriginNotation.marked(editor) == "<Nina lies.>\nNina smiles.\n<Nina waits.>")
        #expect(Self.after(editor, "<C-u>") == "{Vera lies.}\nVera smiles.\n{Vera waits.}")
    }

    @Test func autocompleteInsertsHumanText() {
        let editor = Self.editor("MARLOWE\nQuiet.\n\nVERA\nNow.\n\n|", aiLines: [4])
        EditorNotation.run(editor, "MA<tab>")
        #expect(editor.state.buffer.lines.last == "MARLOWE")
        #expect(OriginNotation.marked(editor) == "MARLOWE\nQuiet.\n\nVERA\n{Now.}\n\nMARLOWE")
    }

    @Test func insertTextReplacesTheSelectionAndHumanInsertFollowsTheWriterRule() {
        let editor = EditorNotation.editor("Vera [lies|].")
        editor.insertText("smiles", origin: .ai)
        #expect(OriginNotation.marked(editor) == "Vera {smiles}.")
        editor.insertText("!", origin: .human)
        #expect(OriginNotation.marked(editor) == "Vera {smiles}!.")
        EditorNotation.run(editor, "<left><left>")
        editor.insertText("x", origin: .human)
        #expect(OriginNotation.marked(editor) == "Vera <smile>x<s>!.")
    }

    @Test func removingPendingAITextLeavesTheNeighboursAlone() {
        // Accepted AI text, then a pending suggestion right after it, then cancelled.
        let editor = Self.editorWithAI("Vera |", "lies.")
        editor.insertText(" Badly.", origin: .ai)
        editor.removeText(TextRange(TextPosition(line: 0, byte: 10), TextPosition(line: 0, byte: 17)))
        #expect(OriginNotation.marked(editor) == "Vera {lies.}")
        // A writer's delete of the same text would have cut the run.
        editor.insertText(" Badly.", origin: .ai)
        EditorNotation.run(editor, "<bs><bs><bs><bs><bs><bs><bs>")
        #expect(OriginNotation.marked(editor) == "Vera <lies.>")
        EditorNotation.run(editor, "<C-u><C-u>")
        #expect(OriginNotation.marked(editor) == "Vera {lies.}")
    }

    @Test func colouringByOriginUsesTheOriginRoles() throws {
        let editor = Self.editorWithAI("Vera |", "lies")
        EditorNotation.run(editor, "<f12>")
        #expect(editor.showsOrigins)
        #expect(editor.state.message?.text.contains("1 AI-edited") == true)
        let frame = editor.render(width: 100, height: 30)
        let row = (0..<frame.grid.height).first { r in frame.grid.row(r).map(\.text).joined().contains("Vera lies") }!
        let roles = frame.grid.row(row).prefix { $0.role != .paneBorder }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.role)
        #expect(roles == [.humanText, .humanText, .humanText, .humanText, .aiText, .aiText, .aiText, .aiText])
        EditorNotation.run(editor, "<f12>")
        let plain = editor.render(width: 100, height: 30)
        #expect(!plain.grid.row(row).contains { $0.role == .aiText })
        #expect(editor.helpEntries.contains { $0.command == "toggle_origins" && $0.keys.map { $0.lowercased() } == ["f12"] })
    }
}

/// Random sessions over a script with AI lines: origins stay one per line,
/// inside their lines, and undo and redo restore them exactly.
@Suite("Random editing keeps origins exact")
struct RandomOriginTests {
    static let keys: [InputEvent] = [
        .key(.text("a")), .key(.text(" ")), .key(.text("日")), .key(.text("e\u{301}")), .key(.enter), .key(.tab),
        .key(.backspace), .key(.delete), .key(.left), .key(.right), .key(.up), .key(.down), .key(.home), .key(.end),
        .key(.left, .shift), .key(.down, .shift), .key(.right, .control), .key(.backspace, .control),
        .key(.ctrl("x")), .key(.ctrl("c")), .key(.ctrl("v")), .key(.ctrl("k")), .key(.ctrl("u")), .key(.ctrl("y")),
        .paste("MARLOWE\nHi.\n"),
    ]

    @Test(arguments: [11, 12, 13])
    func randomSession(seed: UInt64) {
        var random = RandomEditingTests.SplitMix(state: seed)
        let editor = OriginTests.editor("|INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n\nMARLOWE\nQuiet. I'm listening.\n\nVera waits.",
                                        aiLines: [2, 4, 5])
        let start = editor.scriptOrigins
        for step in 0..<800 {
            if random.next() % 17 == 0 {
                editor.insertText(random.next() % 2 == 0 ? "AI words" : "AI\nlines", origin: random.next() % 3 == 0 ? .aiEdited : .ai)
            } else {
                _ = editor.handle(Self.keys[Int(random.next() % UInt64(Self.keys.count))])
            }
            let origins = editor.scriptOrigins
            #expect(origins.lineCount == editor.state.buffer.lineCount, "step \(step)")
            for (index, line) in editor.state.buffer.lines.enumerated() where index < origins.lineCount {
                #expect((origins[index].spans.last?.bytes.upperBound ?? 0) <= line.utf8.count, "step \(step) line \(index)")
            }
        }
        let end = editor.scriptOrigins
        let endText = editor.text
        for _ in 0..<2000 { _ = editor.handle(.key(.ctrl("u"))) }
        #expect(editor.scriptOrigins == start)
        for _ in 0..<2000 { _ = editor.handle(.key(.ctrl("y"))) }
        #expect(editor.text == endText)
        #expect(editor.scriptOrigins == end)
    }
}
