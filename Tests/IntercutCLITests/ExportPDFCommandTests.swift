import Foundation
import Testing

@Suite struct ExportPDFCommandTests {
    private let example = CLIRunner.repositoryRoot.appendingPathComponent("examples/the-quiet-dial.fountain").path

    /// `pdfinfo` / `pdftotext` on a file (poppler-utils, installed by scripts/test).
    private func poppler(_ tool: String, _ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + args
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    private func temporaryPDF() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).pdf")
    }

    @Test func exportWritesAReadablePDF() throws {
        let out = temporaryPDF()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLIRunner.run(["export", example, "--to", "pdf", "-o", out.path])
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        let info = try poppler("pdfinfo", [out.path])
        #expect(info.contains("Title:           THE QUIET DIAL a short heist"))
        #expect(info.contains("612 x 792 pts (letter)"))
        let text = try poppler("pdftotext", ["-layout", out.path, "-"])
        #expect(text.contains("INT. VAN - CONTINUOUS"))
        #expect(!text.contains("Tension note"))          // notes hidden by default
    }

    @Test func paperSceneNumbersAndNotesFlags() throws {
        let out = temporaryPDF()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLIRunner.run(["export", example, "--to", "pdf", "--paper", "a4", "--scene-numbers", "--notes", "-o", out.path])
        #expect(result.exitCode == 0)
        #expect(try poppler("pdfinfo", [out.path]).contains("(A4)"))
        let text = try poppler("pdftotext", ["-layout", out.path, "-"])
        #expect(text.contains("[[Tension note"))
        let heading = try #require(text.split(separator: "\n").first { $0.contains("INT. VAN - CONTINUOUS") })
        #expect(heading.split(separator: " ").first == "2" && heading.split(separator: " ").last == "2")
    }

    @Test func pdfGoesToAPipeWhenAsked() throws {
        let result = try CLIRunner.run(["export", example, "--to", "pdf", "-o", "-"])
        #expect(result.exitCode == 0)
        #expect(result.stdoutData.starts(with: Array("%PDF-1.4".utf8)))
        #expect(String(decoding: result.stdoutData.suffix(6), as: UTF8.self) == "%%EOF\n")
    }

    @Test(arguments: [["--to", "txt", "--scene-numbers"], ["--to", "fdx", "--notes"], ["--to", "pdf", "--paper", "legal"]])
    func misplacedFlagsAreOneLineErrors(args: [String]) throws {
        let result = try CLIRunner.run(["export", example] + args + ["-o", "/dev/null"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("Error"))
    }
}
