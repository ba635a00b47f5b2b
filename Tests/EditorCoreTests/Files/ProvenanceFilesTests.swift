import Foundation
import Provenance
import Testing
@testable import EditorCore

/// The sidecar beside saves, on open, after outside edits and through the journal.
@Suite struct ProvenanceFilesTests {
    func session(_ dir: TemporaryDirectory, path: String) throws -> (Editor, FileSession) {
        let editor = Editor(document: try FileSession.readDocument(path: path))
        return (editor, FileSession(editor: editor, journalDirectory: dir.file("journal")))
    }

    func save(_ editor: Editor, _ files: FileSession, to path: String) {
        files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A script with one AI line appended at the end, saved.
    func scriptWithAI(_ dir: TemporaryDirectory) throws -> (path: String, editor: Editor, files: FileSession) {
        let path = dir.file("heist.fountain")
        try write("INT. VAULT - NIGHT\n\nVera waits.\n", to: path)
        let (editor, files) = try session(dir, path: path)
        editor.state.selection = Selection(cursor: editor.state.buffer.endPosition)
        editor.insertText("\nMarlowe kneels at the dial.\n", origin: .ai)
        save(editor, files, to: path)
        return (path, editor, files)
    }

    @Test func aSaveWritesTheSidecarAndReopeningRestoresTheOrigins() throws {
        let dir = TemporaryDirectory()
        let (path, editor, _) = try scriptWithAI(dir)
        #expect(!editor.isModified)
        let sidecarPath = dir.file(".heist.fountain.intercut/provenance.json")
        #expect(FileManager.default.fileExists(atPath: sidecarPath))
        let (reopened, _) = try session(dir, path: path)
        #expect(OriginNotation.marked(reopened) == OriginNotation.marked(editor))
        #expect(OriginNotation.marked(reopened).contains("{Marlowe kneels at the dial.}"))
        #expect(reopened.state.message == nil)
    }

    @Test func aHumanOnlyScriptGetsNoSidecar() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("plain.fountain")
        let (editor, files) = try session(dir, path: path)
        _ = editor.handle(.paste("Vera waits."))
        save(editor, files, to: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: dir.file(".plain.fountain.intercut")))
    }

    @Test func anOutsideEditIsReanchoredOnOpen() throws {
        let dir = TemporaryDirectory()
        let (path, _, _) = try scriptWithAI(dir)
        // Another editor adds a scene on top and changes the AI line.
        try write("INT. HALL - DAY\n\nNew.\n\nINT. VAULT - NIGHT\n\nVera waits.\n\nMarlowe kneels at the old dial.\n", to: path)
        let (editor, files) = try session(dir, path: path)
        #expect(OriginNotation.marked(editor).contains("<Marlowe kneels at the >old <dial.>"))
        #expect(editor.state.message?.text.contains("re-anchored") == true)
        #expect(editor.state.message?.text.contains("1 AI line now AI-edited") == true)
        // Saving writes the re-anchored origins.
        _ = editor.handle(.paste(" "))
        save(editor, files, to: path)
        let (again, _) = try session(dir, path: path)
        #expect(again.state.message == nil)
        #expect(OriginNotation.marked(again).contains("<dial.>"))
    }

    @Test func aCorruptSidecarIsReportedAndKeptAsideBySave() throws {
        let dir = TemporaryDirectory()
        let (path, _, _) = try scriptWithAI(dir)
        let sidecarPath = dir.file(".heist.fountain.intercut/provenance.json")
        try write("{ not json", to: sidecarPath)
        let (editor, files) = try session(dir, path: path)
        #expect(editor.state.message?.isError == true)
        #expect(editor.state.message?.text.contains("corrupt provenance sidecar") == true)
        #expect(editor.scriptOrigins.isAllHuman)
        editor.state.selection = Selection(cursor: editor.state.buffer.endPosition)
        editor.insertText("The dial clicks.", origin: .ai)
        save(editor, files, to: path)
        #expect(try String(contentsOfFile: sidecarPath + ".corrupt", encoding: .utf8) == "{ not json")
        #expect(try ProvenanceSidecar(data: Data(contentsOf: URL(fileURLWithPath: sidecarPath))).hasMachineText)
    }

    @Test func aSidecarThatCannotBeWrittenNeverCostsTheScript() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("heist.fountain")
        try write("Vera waits.\n", to: path)
        // A plain file where the sidecar's folder should be.
        try write("in the way", to: dir.file(".heist.fountain.intercut"))
        let (editor, files) = try session(dir, path: path)
        editor.insertText("Marlowe kneels.\n", origin: .ai)
        // Save and quit: the script is written, the quit is called off, the message says why.
        editor.quitAfterSave = true
        let followUp = files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
        #expect(followUp?.contains(.quit) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Marlowe kneels.\nVera waits.\n")
        #expect(!editor.isModified)
        #expect(editor.state.message?.isError == true)
        #expect(editor.state.message?.text.contains("but not its provenance") == true)
    }

    @Test func recoveredJournalTextKeepsItsOrigins() throws {
        let dir = TemporaryDirectory()
        let (path, editor, files) = try scriptWithAI(dir)
        editor.state.selection = Selection(cursor: .start)
        editor.insertText("FADE IN:\n\n", origin: .ai)
        files.tick(editor: editor, now: Date())
        files.flushJournal(editor: editor)
        let marked = OriginNotation.marked(editor)
        // kill -9, then a new process recovers.
        let (reopened, files2) = try session(dir, path: path)
        for effect in reopened.handle(.key(.text("y"))) { files2.perform(effect, editor: reopened) }
        #expect(reopened.text == editor.text)
        #expect(OriginNotation.marked(reopened) == marked)
        #expect(OriginNotation.marked(reopened).hasPrefix("{FADE IN:}"))
    }
}
