import Foundation
import Testing
@testable import EditorCore

@Suite struct RecoveryJournalTests {
    @Test func snapshotRoundTripsBytesExactly() throws {
        let dir = TemporaryDirectory()
        let journal = RecoveryJournal(documentPath: dir.file("heist.fountain"), directory: dir.file("journal"))
        let bytes = Data([0xEF, 0xBB, 0xBF] + Array("INT. VAULT\r\n\r\n\nMarlowe kneels.  \r\n".utf8))
        try journal.write(bytes)
        #expect(journal.read() == bytes)
    }

    @Test func laterSnapshotReplacesEarlier() throws {
        let dir = TemporaryDirectory()
        let journal = RecoveryJournal(documentPath: dir.file("a.fountain"), directory: dir.file("journal"))
        try journal.write(Data("first".utf8))
        try journal.write(Data("second".utf8))
        #expect(journal.read() == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("journal")).count == 1)
    }

    @Test func recoveryOfferedOnlyWhenJournalDiffersFromDisk() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        try Data("saved".utf8).write(to: URL(fileURLWithPath: path))
        let journal = RecoveryJournal(documentPath: path, directory: dir.file("journal"))
        #expect(journal.recoverable() == nil)
        try journal.write(Data("saved".utf8))
        #expect(journal.recoverable() == nil)
        try journal.write(Data("saved and more".utf8))
        #expect(journal.recoverable() == Data("saved and more".utf8))
        journal.remove()
        #expect(journal.recoverable() == nil)
    }

    @Test func journalForMissingFileIsRecoverable() throws {
        let dir = TemporaryDirectory()
        let journal = RecoveryJournal(documentPath: dir.file("never-saved.fountain"), directory: dir.file("j"))
        try journal.write(Data("typed before the crash".utf8))
        #expect(journal.recoverable() == Data("typed before the crash".utf8))
    }

    @Test func distinctFilesWithSameNameGetDistinctJournals() {
        let a = RecoveryJournal(documentPath: "/tmp/one/heist.fountain", directory: "/j")
        let b = RecoveryJournal(documentPath: "/tmp/two/heist.fountain", directory: "/j")
        #expect(a.journalPath != b.journalPath)
        #expect(a.journalPath.hasPrefix("/j/heist.fountain."))
    }

    @Test func relativePathsResolveToTheSameJournal() {
        let cwd = FileManager.default.currentDirectoryPath
        let relative = RecoveryJournal(documentPath: "x/../heist.fountain", directory: "/j")
        let absolute = RecoveryJournal(documentPath: cwd + "/heist.fountain", directory: "/j")
        #expect(relative == absolute)
    }

    @Test func corruptJournalIsIgnored() throws {
        let dir = TemporaryDirectory()
        let journal = RecoveryJournal(documentPath: dir.file("a.fountain"), directory: dir.path)
        try Data("garbage without header".utf8).write(to: URL(fileURLWithPath: journal.journalPath))
        #expect(journal.read() == nil)
    }

    @Test func directoryFollowsXDGStateHome() {
        #expect(RecoveryJournal.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/intercut/journal")
        #expect(RecoveryJournal.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/intercut/journal")
        #expect(RecoveryJournal.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/intercut/journal")
    }
}
