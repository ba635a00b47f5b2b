import Foundation
import Testing
@testable import EditorCore

@Suite struct FileSessionTests {
    func session(_ dir: TemporaryDirectory, path: String?) throws -> (Editor, FileSession) {
        let document = try path.map { try FileSession.readDocument(path: $0) } ?? Document(path: nil, text: "")
        let editor = Editor(document: document)
        return (editor, FileSession(editor: editor, journalDirectory: dir.file("journal")))
    }

    func type(_ text: String, into editor: Editor) {
        _ = editor.handle(.paste(text))
    }

    @Test func saveWritesBytesAtomicallyAndMarksClean() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        try Data("INT. A\r\n".utf8).write(to: URL(fileURLWithPath: path))
        let (editor, files) = try session(dir, path: path)
        type("x", into: editor)
        #expect(editor.isModified)
        files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
        #expect(!editor.isModified)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == editor.documentBytes)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains("\r\n"))
    }

    @Test func fileChangedOnDiskIsNotOverwrittenUntilConfirmed() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        try Data("original\n".utf8).write(to: URL(fileURLWithPath: path))
        let (editor, files) = try session(dir, path: path)
        type("mine ", into: editor)
        try Data("someone else's edit\n".utf8).write(to: URL(fileURLWithPath: path))
        files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's edit\n")
        #expect(editor.isModified)
        // The core asked; "y" comes back as a save with the overwrite flag.
        let effects = editor.handle(.key(.text("y")))
        #expect(effects.contains { if case .save(_, _, true) = $0 { true } else { false } })
        for effect in effects { files.perform(effect, editor: editor) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == editor.documentBytes)
        #expect(!editor.isModified)
    }

    @Test func ownSavesDoNotCountAsDiskChanges() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let (editor, files) = try session(dir, path: path)
        for word in ["one ", "two "] {
            type(word, into: editor)
            files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
            #expect(!editor.isModified)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == editor.text)
    }

    @Test func journalWrittenOnActivityAndRecoveredAfterCrash() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("heist.fountain")
        try Data("INT. VAULT - NIGHT\n".utf8).write(to: URL(fileURLWithPath: path))
        let (editor, files) = try session(dir, path: path)
        type("Marlowe kneels.", into: editor)
        files.tick(editor: editor, now: Date())
        files.flushJournal(editor: editor)
        let typed = editor.text
        // A new process after kill -9: the file is unchanged, the journal is newer.
        let (reopened, files2) = try session(dir, path: path)
        #expect(reopened.text == "INT. VAULT - NIGHT\n")
        for effect in reopened.handle(.key(.text("y"))) { files2.perform(effect, editor: reopened) }
        #expect(reopened.text == typed)
        // Recovered text counts as unsaved, so quitting asks first.
        #expect(reopened.isModified)
        #expect(RecoveryJournal(documentPath: path, directory: dir.file("journal")).read() != nil)
    }

    @Test func declinedRecoveryRemovesJournal() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let journal = RecoveryJournal(documentPath: path, directory: dir.file("journal"))
        try journal.write(Data("lost words".utf8))
        let (editor, files) = try session(dir, path: path)
        for effect in editor.handle(.key(.text("n"))) { files.perform(effect, editor: editor) }
        files.close()
        #expect(editor.text == "")
        #expect(journal.read() == nil)
    }

    @Test func journalWaitsForTheIntervalAndIsRemovedBySaveAndQuit() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let (editor, files) = try session(dir, path: path)
        let journal = RecoveryJournal(documentPath: path, directory: dir.file("journal"))
        let start = Date()
        type("a", into: editor)
        files.tick(editor: editor, now: start)
        type("b", into: editor)
        files.tick(editor: editor, now: start.addingTimeInterval(0.1))
        files.flushJournal(editor: editor)
        // flush wrote the latest text even though the interval had not passed
        #expect(journal.read() == editor.documentBytes)
        files.perform(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: false), editor: editor)
        files.close()
        #expect(journal.read() == nil)
        type("c", into: editor)
        files.tick(editor: editor, now: start.addingTimeInterval(5))
        files.close()
        #expect(journal.read() == nil)
    }

    @Test func unreadableDocumentsAreRefusedWithOneLineErrors() throws {
        let dir = TemporaryDirectory()
        let binary = dir.file("b.fountain")
        try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: DocumentError.self) { try FileSession.readDocument(path: binary) }
        #expect(throws: FileSafetyError.self) { try FileSession.readDocument(path: dir.path) }
        #expect(try FileSession.readDocument(path: dir.file("new.fountain")).text == "")
    }
}
