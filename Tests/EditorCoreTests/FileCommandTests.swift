@testable import EditorCore
import Foundation
import Testing

@Suite("Documents, save, open and quit effects")
struct FileCommandTests {
    @Test func untouchedDocumentsSaveTheSameBytes() throws {
        let samples: [[UInt8]] = [
            Array("INT. A - DAY\r\n\r\nAction.\r\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("Title: X\n\nINT. A - DAY\n".utf8),
            Array("mixed\r\nendings\nand\rno final newline".utf8),
            Array("trailing spaces   \n  \n".utf8),
        ]
        for bytes in samples {
            let editor = Editor(document: try Document(path: "/tmp/a.fountain", bytes: Data(bytes)))
            #expect(Array(editor.documentBytes) == bytes)
            _ = editor.handle(.key(.text("x")))
            _ = editor.handle(.key(.backspace))
            #expect(Array(editor.documentBytes) == bytes)
        }
    }

    @Test func editsKeepTheFileLineEnding() throws {
        let editor = Editor(document: try Document(path: "/tmp/a.fountain", bytes: Data("one\r\ntwo\r\n".utf8)))
        _ = editor.handle(.key(.end))
        _ = editor.handle(.paste("\nnew"))
        #expect(editor.documentBytes == Data("one\r\nnew\r\ntwo\r\n".utf8))
    }

    @Test func invalidBytesAreRefusedWithAMessage() {
        #expect(throws: DocumentError.self) { try Document(path: "x.fountain", bytes: Data([0x41, 0xFF, 0x42])) }
        #expect(throws: DocumentError.self) { try Document(path: "x.fountain", bytes: Data([0x41, 0x00, 0x42])) }
        let error = DocumentError.notUTF8(path: "x.fountain")
        #expect(error.description.contains("x.fountain"))
    }

    @Test func saveEmitsTheBytesAndDidSaveClearsModified() {
        let editor = EditorNotation.editor("|")
        let effects = EditorNotation.run(editor, "Hi<C-s>")
        #expect(effects == [.save(path: "/tmp/test.fountain", bytes: Data("Hi".utf8), overwriteChangedFile: false)])
        #expect(editor.isModified)
        #expect(editor.didSave(path: "/tmp/test.fountain").isEmpty)
        #expect(!editor.isModified)
    }

    @Test func untitledSaveAsksForAName() {
        let editor = Editor()
        _ = editor.handle(.key(.text("x")))
        #expect(editor.handle(.key(.ctrl("s"))).isEmpty)
        for event in EditorNotation.keys("/tmp/new.fountain") { _ = editor.handle(event) }
        let effects = editor.handle(.key(.enter))
        #expect(effects == [.save(path: "/tmp/new.fountain", bytes: Data("x".utf8), overwriteChangedFile: false)])
    }

    @Test func changedOnDiskAsksBeforeOverwriting() {
        let editor = EditorNotation.editor("a|")
        editor.saveConflict(path: "/tmp/test.fountain")
        #expect(editor.state.prompt?.label.contains("changed on disk") == true)
        #expect(editor.handle(.key(.text("n"))).isEmpty)
        editor.saveConflict(path: "/tmp/test.fountain")
        let effects = editor.handle(.key(.text("y")))
        #expect(effects == [.save(path: "/tmp/test.fountain", bytes: Data("a".utf8), overwriteChangedFile: true)])
    }

    @Test func quitWithUnsavedChangesAsks() {
        let clean = EditorNotation.editor("|")
        #expect(clean.handle(.key(.ctrl("q"))) == [.quit])

        let editor = EditorNotation.editor("|")
        EditorNotation.run(editor, "x")
        #expect(editor.handle(.key(.ctrl("q"))).isEmpty)
        #expect(editor.handle(.key(.escape)).isEmpty)
        #expect(editor.state.prompt == nil)
        _ = editor.handle(.key(.ctrl("q")))
        #expect(editor.handle(.key(.text("n"))) == [.quit])

        let saving = EditorNotation.editor("|")
        EditorNotation.run(saving, "x")
        _ = saving.handle(.key(.ctrl("q")))
        let effects = saving.handle(.key(.text("y")))
        #expect(effects.count == 1)
        #expect(saving.didSave(path: "/tmp/test.fountain") == [.quit])
    }

    @Test func askReturnsTheAnswerAsAnEffect() {
        let editor = EditorNotation.editor("|")
        editor.ask("Recover unsaved changes from the journal? (y/n)", id: "recover")
        let frame = editor.render(width: 80, height: 24)
        #expect((0..<24).contains { frame.grid.text(ofRow: $0).contains("Recover unsaved") })
        #expect(editor.handle(.key(.text("x"))).isEmpty) // other keys are ignored
        #expect(editor.handle(.key(.text("y"))) == [.answer(id: "recover", yes: true)])
    }

    @Test func openAsksAboutUnsavedChangesThenEmitsOpen() {
        let editor = EditorNotation.editor("|")
        EditorNotation.run(editor, "x<C-o>y")
        for event in EditorNotation.keys("other.fountain") { _ = editor.handle(event) }
        #expect(editor.handle(.key(.enter)) == [.open(path: "other.fountain")])
    }

    @Test func copyCanGoToTheSystemClipboard() {
        let editor = EditorNotation.editor("[ab|]")
        #expect(editor.handle(.key(.ctrl("c"))).isEmpty)
        editor.systemClipboard = true
        #expect(editor.handle(.key(.ctrl("c"))) == [.copyToSystemClipboard("ab")])
    }

    @Test func suspendAndRedrawAreEffects() {
        let editor = EditorNotation.editor("|")
        #expect(editor.handle(.key(.ctrl("z"))) == [.suspend])
        #expect(editor.handle(.key(.ctrl("l"))) == [.redrawAll])
    }

    @Test func mouseClickMovesTheCursor() throws {
        let editor = EditorNotation.editor("|Vera waits.\n\nMarlowe kneels.", width: 80, height: 24)
        let frame = editor.render(width: 80, height: 24)
        let row = try #require((0..<24).first { frame.grid.text(ofRow: $0).contains("Marlowe") })
        _ = editor.handle(.mouse(MouseEvent(kind: .press, column: 9 + 3, row: row)))
        #expect(editor.state.selection.head == TextPosition(line: 2, byte: 3))
    }
}

@Suite("Recovered text counts as unsaved")
struct RecoveryOpenTests {
    @Test func openMarkedModifiedAsksOnQuit() {
        let editor = Editor()
        editor.open(Document(path: "/tmp/a.fountain", text: "recovered"), markModified: true)
        #expect(editor.isModified)
        // Only the new path for the suggestion log goes out: no quit.
        #expect(editor.handle(.key(.ctrl("q"))) == [.suggestion(.scriptPath("/tmp/a.fountain", savedAs: false))])
        #expect(editor.state.prompt != nil)
    }
}
