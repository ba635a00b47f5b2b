import Foundation
import Testing

@Suite struct ImportCommandTests {
    private let fixtures = CLIRunner.repositoryRoot.appendingPathComponent("Tests/FountainTests/Fixtures/fdx")

    @Test func importWritesFountainToStdoutAndWarningsToStderr() throws {
        let result = try CLIRunner.run(["import", fixtures.appendingPathComponent("final-draft-vault.fdx").path])
        #expect(result.exitCode == 0)
        let expected = try String(contentsOf: fixtures.appendingPathComponent("final-draft-vault.fountain"), encoding: .utf8)
        #expect(result.stdout == expected)
        #expect(result.stderr.contains("warning:") && result.stderr.contains("\"Teaser\""))
    }

    @Test func importWritesTheOutputFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).fountain")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLIRunner.run(["import", fixtures.appendingPathComponent("fade-in-diner.fdx").path, "-o", out.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.isEmpty)
        let expected = try String(contentsOf: fixtures.appendingPathComponent("fade-in-diner.fountain"), encoding: .utf8)
        #expect(try String(contentsOf: out, encoding: .utf8) == expected)
    }

    @Test func importReadsStandardInput() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("no-title-page.fdx"))
        let result = try CLIRunner.run(["import", "-"], stdin: data)
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("!Time: midnight."))
    }

    @Test(arguments: [
        ("INT. HOUSE - DAY\n", "not well-formed XML"),
        ("<html></html>", "not a Final Draft document"),
        ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><FinalDraft/>", "DOCTYPE"),
    ])
    func badInputIsOneLineErrorAndNonZeroExit(input: String, message: String) throws {
        let result = try CLIRunner.run(["import", "-"], stdin: Data(input.utf8))
        #expect(result.exitCode != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingFileIsAnError() throws {
        let result = try CLIRunner.run(["import", "/no/such/file.fdx"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("no such file"))
    }
}
