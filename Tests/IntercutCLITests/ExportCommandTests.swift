import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `intercut export`: every format, -o and stdout, stdin, and every error path.
@Suite struct ExportCommandTests {
    static let script = "Title: Test\n\nINT. KITCHEN - DAY #1#\n\nAnna *waits*.\n\n\n\nANNA\nHello.\n"

    func temp(_ content: [UInt8], name: String = "script.fountain") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(content).write(to: url)
        return url
    }

    @Test func fountainWritesTheBytesAsRead() throws {
        let bytes = Array("\u{FEFF}INT. A - DAY\r\n\r\nText.  \r\n\tmore".utf8)
        let file = try temp(bytes)
        let result = try CLIRunner.run(["export", file.path, "--to", "fountain"])
        #expect(result.exitCode == 0)
        #expect(Array(result.stdoutData) == bytes)
    }

    @Test func normalizeWritesCanonicalFountain() throws {
        let file = try temp(Array(Self.script.utf8))
        let result = try CLIRunner.run(["export", file.path, "--to", "fountain", "--normalize"])
        #expect(result.exitCode == 0)
        #expect(!result.stdout.contains("\n\n\n"))
        #expect(result.stdout.contains("INT. KITCHEN - DAY #1#"))
    }

    @Test func fdxToAFileIsWellFormedXML() throws {
        let file = try temp(Array(Self.script.utf8))
        let out = file.deletingLastPathComponent().appendingPathComponent("out.fdx")
        let result = try CLIRunner.run(["export", file.path, "--to", "fdx", "-o", out.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.isEmpty)
        let doc = try XMLDocument(contentsOf: out)
        #expect(doc.rootElement()?.name == "FinalDraft")
        let types = try doc.nodes(forXPath: "//Paragraph/@Type").map { $0.stringValue ?? "" }
        #expect(types == ["Scene Heading", "Action", "Character", "Dialogue"])
    }

    @Test func htmlAndTxtGoToStandardOutputWithDash() throws {
        let file = try temp(Array(Self.script.utf8))
        let html = try CLIRunner.run(["export", file.path, "--to", "html", "-o", "-"])
        #expect(html.exitCode == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("Anna <em>waits</em>."))
        let txt = try CLIRunner.run(["export", file.path, "--to", "txt"])
        #expect(txt.exitCode == 0)
        #expect(txt.stdout.contains("\n               Anna waits.\n"))
        #expect(txt.stdout.contains("\u{0C}"))  // title page, then the script page
    }

    @Test func readsStandardInput() throws {
        let result = try CLIRunner.run(["export", "-", "--to", "txt"], stdin: Data("INT. A - DAY\n\nHi.\n".utf8))
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("INT. A - DAY"))
    }

    @Test func formatNameIsCaseInsensitive() throws {
        let file = try temp(Array(Self.script.utf8))
        #expect(try CLIRunner.run(["export", file.path, "--to", "FDX"]).exitCode == 0)
    }

    @Test func unknownFormatIsAOneLineErrorAndWritesNothing() throws {
        let file = try temp(Array(Self.script.utf8))
        let out = file.deletingLastPathComponent().appendingPathComponent("out.doc")
        let result = try CLIRunner.run(["export", file.path, "--to", "docx", "-o", out.path])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("unknown format 'docx'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func missingToIsAnError() throws {
        let file = try temp(Array(Self.script.utf8))
        let result = try CLIRunner.run(["export", file.path])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--to"))
    }

    @Test func normalizeWithAnotherFormatIsAnError() throws {
        let file = try temp(Array(Self.script.utf8))
        let result = try CLIRunner.run(["export", file.path, "--to", "html", "--normalize"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--normalize"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingInputIsAOneLineError() throws {
        let result = try CLIRunner.run(["export", "/no/such.fountain", "--to", "fdx"])
        #expect(result.exitCode != 0)
        #expect(result.stderr == "intercut: /no/such.fountain: no such file\n")
    }

    @Test func unwritableOutputIsAOneLineError() throws {
        let file = try temp(Array(Self.script.utf8))
        let result = try CLIRunner.run(["export", file.path, "--to", "fdx", "-o", "/no/such/dir/out.fdx"])
        #expect(result.exitCode != 0)
        #expect(result.stderr == "intercut: /no/such/dir/out.fdx: no such directory\n")
        let dir = try CLIRunner.run(["export", file.path, "--to", "fdx", "-o", file.deletingLastPathComponent().path])
        #expect(dir.exitCode != 0)
        #expect(dir.stderr.contains("is a directory"))
    }

    @Test func invalidUTF8IsAnError() throws {
        let file = try temp([0x41, 0xC3, 0x28, 0x0A])
        let result = try CLIRunner.run(["export", file.path, "--to", "html"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
