import Foundation
import Testing
@testable import EditorCore

/// A fresh temporary directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "intercut-files-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct AtomicFileWriterTests {
    @Test func writesNewFileWithUmaskPermissions() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("new.fountain")
        try AtomicFileWriter.write(Data("INT. HOUSE - DAY\n".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("INT. HOUSE - DAY\n".utf8))
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o600 == 0o600)
    }

    @Test func replacesContentKeepsPermissionsAndLeavesNoTempFile() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("script.fountain")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o640)
        let bytes = Data([0xEF, 0xBB, 0xBF] + Array("A\r\nB  \r\n".utf8))
        try AtomicFileWriter.write(bytes, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["script.fountain"])
    }

    @Test func followsSymlinkAndKeepsIt() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("real.fountain")
        let link = dir.file("link.fountain")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try AtomicFileWriter.write(Data("new".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    }

    @Test func unwritableDirectoryThrowsOneLineErrorAndKeepsOldFile() throws {
        guard getuid() != 0 else { return } // root ignores directory permissions
        let dir = TemporaryDirectory()
        let path = dir.file("locked.fountain")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        chmod(dir.path, 0o500)
        defer { chmod(dir.path, 0o700) }
        #expect(throws: FileSafetyError.self) { try AtomicFileWriter.write(Data("new".utf8), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    @Test func missingDirectoryThrowsWithPathInMessage() {
        let error = #expect(throws: FileSafetyError.self) {
            try AtomicFileWriter.write(Data("x".utf8), to: "/nonexistent-intercut-dir/a.fountain")
        }
        #expect(error?.description.contains("/nonexistent-intercut-dir/a.fountain") == true)
        #expect(error?.description.contains("\n") == false)
    }
}
