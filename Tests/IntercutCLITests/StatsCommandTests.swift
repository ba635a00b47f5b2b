import Foundation
import Testing

/// `intercut stats`: JSON keys other tools read, the readable table, and
/// every error path.
@Suite struct StatsCommandTests {
    static let script = """
        INT. KITCHEN - DAY

        Anna waits.

        ANNA
        Where is the milk?

        BEN
        Gone.

        EXT. GARDEN - NIGHT

        ANNA
        Again.

        """

    func temp(_ content: String, name: String = "script.fountain") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(content.utf8).write(to: url)
        return url
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let file = try temp(Self.script)
        let result = try CLIRunner.run(["stats", file.path, "--json"])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["pages"] as? Int == 1)
        #expect(object["scenes"] as? Int == 2)
        // Headings 3 + 3, action 2, cues 3, dialogue 4 + 1 + 1.
        #expect(object["words"] as? Int == 17)
        let characters = try #require(object["characters"] as? [[String: Any]])
        #expect(characters.count == 2)
        #expect(characters[0]["name"] as? String == "ANNA")
        #expect(characters[0]["blocks"] as? Int == 2)
        #expect(characters[0]["words"] as? Int == 5)
        #expect(characters[1]["name"] as? String == "BEN")
        #expect((object["int_ext"] as? [String: Int])?["int"] == 1)
        #expect((object["day_night"] as? [String: Int])?["night"] == 1)
    }

    @Test func readableOutputShowsTheTable() throws {
        let file = try temp(Self.script)
        let result = try CLIRunner.run(["stats", file.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Pages:  1"))
        #expect(result.stdout.contains("Scenes: 2"))
        #expect(result.stdout.contains("DAY/NIGHT: 1 day, 1 night, 0 other"))
        let anna = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("ANNA") })
        #expect(anna.split(separator: " ") == ["ANNA", "2", "5"])
    }

    @Test func readsStandardInput() throws {
        let result = try CLIRunner.run(["stats", "-", "--json"], stdin: Data(Self.script.utf8))
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("\"scenes\" : 2"))
    }

    @Test func exampleHasSeveralPages() throws {
        let path = CLIRunner.repositoryRoot.appendingPathComponent("examples/the-quiet-dial.fountain").path
        let result = try CLIRunner.run(["stats", path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect((3...10).contains(object["pages"] as? Int ?? 0))
        let a4 = try CLIRunner.run(["stats", path, "--json", "--paper", "a4"])
        let a4Object = try #require(try JSONSerialization.jsonObject(with: a4.stdoutData) as? [String: Any])
        #expect((a4Object["pages"] as? Int ?? 0) <= (object["pages"] as? Int ?? 0) + 1)
    }

    @Test func missingFileIsAOneLineError() throws {
        let result = try CLIRunner.run(["stats", "/no/such/file.fountain"])
        #expect(result.exitCode != 0)
        #expect(result.stderr == "intercut: /no/such/file.fountain: no such file\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func directoryIsRejected() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let result = try CLIRunner.run(["stats", dir])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("is a directory"))
    }

    @Test func invalidUTF8IsAnErrorUnlessLossy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.fountain")
        try Data([0x49, 0x4E, 0x54, 0x2E, 0x20, 0xFF, 0xFE, 0x0A]).write(to: file)
        let strict = try CLIRunner.run(["stats", file.path])
        #expect(strict.exitCode != 0)
        #expect(strict.stderr.split(separator: "\n").count == 1)
        let lossy = try CLIRunner.run(["stats", file.path, "--lossy"])
        #expect(lossy.exitCode == 0)
    }

    @Test func badFlagAndBadPaperAreErrors() throws {
        let file = try temp(Self.script)
        #expect(try CLIRunner.run(["stats", file.path, "--bogus"]).exitCode != 0)
        let paper = try CLIRunner.run(["stats", file.path, "--paper", "legal"])
        #expect(paper.exitCode != 0)
        #expect(paper.stderr.contains("legal"))
        #expect(try CLIRunner.run(["stats"]).exitCode != 0)
    }
}
