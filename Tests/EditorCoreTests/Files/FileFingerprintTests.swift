import Foundation
import Testing
@testable import EditorCore

@Suite struct FileFingerprintTests {
    @Test func unchangedFileIsNotAConflict() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let baseline = try AtomicFileWriter.write(Data("one".utf8), to: path)
        #expect(!FileFingerprint.fileChanged(at: path, since: baseline))
    }

    @Test func rewrittenContentIsAConflict() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let baseline = try AtomicFileWriter.write(Data("one".utf8), to: path)
        try Data("two".utf8).write(to: URL(fileURLWithPath: path))
        #expect(FileFingerprint.fileChanged(at: path, since: baseline))
    }

    @Test func sameSizeEditWithDifferentMtimeIsAConflict() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let baseline = try AtomicFileWriter.write(Data("one".utf8), to: path)
        try Data("owe".utf8).write(to: URL(fileURLWithPath: path))
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        #expect(FileFingerprint.fileChanged(at: path, since: baseline))
    }

    @Test func touchWithoutContentChangeIsNotAConflict() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let baseline = try AtomicFileWriter.write(Data("one".utf8), to: path)
        var times = [timespec(tv_sec: 2_000_000, tv_nsec: 0), timespec(tv_sec: 2_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        #expect(!FileFingerprint.fileChanged(at: path, since: baseline))
    }

    @Test func deletedFileAndNewlyCreatedFileAreConflicts() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.fountain")
        let baseline = try AtomicFileWriter.write(Data("one".utf8), to: path)
        unlink(path)
        #expect(FileFingerprint.fileChanged(at: path, since: baseline))
        #expect(!FileFingerprint.fileChanged(at: path, since: nil))
        try Data("someone else".utf8).write(to: URL(fileURLWithPath: path))
        #expect(FileFingerprint.fileChanged(at: path, since: nil))
    }
}
