import Foundation
import Testing

/// `intercut feedback export|stats` on a log in the documented format (docs/FEEDBACK.md).
@Suite struct FeedbackCommandTests {
    static let prompt = "INT. VAULT - NIGHT\\n\\nMarlowe kneels.\\n\\n"

    /// A script with a log of one request: candidate 0 accepted, 1 rejected,
    /// 2 edited, plus an ignored one from a second request, plus `extra` lines.
    private func makeScript(extra: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-feedback-\(UUID().uuidString)")
        let script = dir.appendingPathComponent("heist.fountain")
        let logDir = dir.appendingPathComponent(".heist.fountain.intercut")
        try FileManager.default.createDirectory(at: logDir, withIntermediateDirectories: true)
        try Data("INT. VAULT - NIGHT\n\nMarlowe kneels.\n".utf8).write(to: script)
        let t = "\"time\":\"2026-11-24T23:00:00.000Z\",\"session\":\"s1\""
        var lines = [
            "{\"event\":\"request\",\(t),\"request\":1,\"backend\":\"embedded\",\"model\":\"gemma\",\"prompt\":\"\(Self.prompt)\",\"context_hash\":\"00\",\"sampling\":{\"max_tokens\":96,\"temperature\":0.8}}",
            "{\"event\":\"candidate\",\(t),\"request\":1,\"index\":0,\"attempt\":0,\"text\":\"VERA\\nHurry.\",\"finish\":\"stop\",\"tokens\":5,\"ttft_ms\":80,\"total_ms\":300}",
            "{\"event\":\"candidate\",\(t),\"request\":1,\"index\":1,\"attempt\":0,\"text\":\"The alarm rings.\",\"finish\":\"stop\",\"tokens\":5}",
            "{\"event\":\"candidate\",\(t),\"request\":1,\"index\":2,\"attempt\":0,\"text\":\"MARLOWE\\nQuiet.\",\"finish\":\"stop\",\"tokens\":5}",
            "{\"event\":\"candidate\",\(t),\"request\":1,\"index\":1,\"attempt\":1,\"text\":\"VERA\\nHurry.\",\"dropped\":\"duplicate of candidate 1\"}",
            "{\"event\":\"outcome\",\(t),\"request\":1,\"index\":0,\"attempt\":0,\"text\":\"VERA\\nHurry.\",\"outcome\":\"accepted\"}",
            "{\"event\":\"outcome\",\(t),\"request\":1,\"index\":1,\"attempt\":0,\"text\":\"The alarm rings.\",\"outcome\":\"rejected\"}",
            "{\"event\":\"outcome\",\(t),\"request\":1,\"index\":2,\"attempt\":0,\"text\":\"MARLOWE\\nQuiet.\",\"outcome\":\"edited\",\"final\":\"MARLOWE\\nQuiet. Listen.\"}",
            "{\"event\":\"request\",\(t),\"request\":2,\"prompt\":\"x\"}",
            "{\"event\":\"candidate\",\(t),\"request\":2,\"index\":0,\"attempt\":0,\"text\":\"Nothing.\",\"finish\":\"stop\"}",
            "{\"event\":\"outcome\",\(t),\"request\":2,\"index\":0,\"attempt\":0,\"text\":\"Nothing.\",\"outcome\":\"ignored\"}",
        ]
        lines += extra
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: logDir.appendingPathComponent("feedback.jsonl"))
        return script
    }

    private func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func dpoPairsKeptAgainstRejectedAndEditedAgainstOriginal() throws {
        let script = try makeScript()
        let result = try CLIRunner.run(["feedback", "export", script.path, "--format", "dpo"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        let pairs = try objects(result.stdout).map { [$0["chosen"] as? String ?? "", $0["rejected"] as? String ?? ""] }
        #expect(pairs.count == 3)
        #expect(pairs.contains(["VERA\nHurry.", "The alarm rings."]))
        #expect(pairs.contains(["MARLOWE\nQuiet. Listen.", "The alarm rings."]))
        #expect(pairs.contains(["MARLOWE\nQuiet. Listen.", "MARLOWE\nQuiet."]))
        #expect(try objects(result.stdout).allSatisfy { $0["prompt"] as? String == "INT. VAULT - NIGHT\n\nMarlowe kneels.\n\n" })
    }

    @Test func ktoLabelsEachCompletionAndWritesToAFile() throws {
        let script = try makeScript()
        let out = script.deletingLastPathComponent().appendingPathComponent("kto.jsonl")
        let result = try CLIRunner.run(["feedback", "export", script.path, "--format", "kto", "-o", out.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.isEmpty)
        let rows = try objects(String(decoding: try Data(contentsOf: out), as: UTF8.self))
        let labels = Dictionary(uniqueKeysWithValues: rows.map { ($0["completion"] as? String ?? "", $0["label"] as? Bool) })
        #expect(labels == ["VERA\nHurry.": true, "MARLOWE\nQuiet. Listen.": true, "MARLOWE\nQuiet.": false,
                           "The alarm rings.": false])
    }

    @Test func statsCountsRequestsCandidatesAndDecisions() throws {
        let script = try makeScript()
        let result = try CLIRunner.run(["feedback", "stats", script.path, "--json"])
        #expect(result.exitCode == 0)
        let stats = try #require(try objects(result.stdout.replacingOccurrences(of: "\n", with: " ")).first)
        #expect(stats["requests"] as? Int == 2)
        #expect(stats["candidates"] as? Int == 4)
        #expect(stats["dropped"] as? Int == 1)
        #expect(stats["accepted"] as? Int == 1)
        #expect(stats["edited"] as? Int == 1)
        #expect(stats["rejected"] as? Int == 1)
        #expect(stats["ignored"] as? Int == 1)
        #expect(abs((stats["acceptance_rate"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
        let text = try CLIRunner.run(["feedback", "stats", script.path])
        #expect(text.stdout.contains("Requests:    2"))
        #expect(text.stdout.contains("Acceptance:  67% of decided"))
    }

    @Test func malformedLinesAreSkippedWithACountedWarning() throws {
        let script = try makeScript(extra: ["not json", "{\"event\":\"outcome\",\"request\":", "{\"event\":\"nonsense\"}"])
        let result = try CLIRunner.run(["feedback", "stats", script.path, "--json"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("skipped 3 malformed lines"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("\"requests\" : 2"))
    }

    @Test func aScriptWithoutALogOrABadFormatIsAOneLineError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-nolog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let missing = try CLIRunner.run(["feedback", "stats", dir.appendingPathComponent("none.fountain").path])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("no feedback log"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let script = try makeScript()
        let badFormat = try CLIRunner.run(["feedback", "export", script.path, "--format", "csv"])
        #expect(badFormat.exitCode != 0)
        #expect(!badFormat.stderr.isEmpty)
    }
}
