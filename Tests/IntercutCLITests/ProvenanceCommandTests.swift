import Foundation
import Fountain
import Provenance
import Testing

/// `intercut provenance` and `intercut export --annotate-ai`: the documented
/// JSON keys, the readable and Markdown tables, the annotation, and every
/// error path.
@Suite struct ProvenanceCommandTests {
    static let script = """
        Title: Heist

        INT. VAULT - NIGHT

        Marlowe kneels at the dial.

        MARLOWE
        Two more turns.

        Vera holds the torch.

        EXT. HARBOUR - DAWN

        The van idles.

        """

    /// Line 4 (action) is AI, line 7 (dialogue) is AI-edited, line 13 AI; the rest human.
    static func origins(_ lines: [String]) -> ScriptOrigins {
        var spans = lines.map { _ in OriginSpans() }
        spans[4] = OriginSpans(.ai, over: lines[4])
        spans[7] = OriginSpans([OriginSpan(bytes: 0..<8, origin: .ai)])   // "Two more" AI, " turns." typed
        spans[13] = OriginSpans(.ai, over: lines[13])
        return ScriptOrigins(lines: spans)
    }

    /// A folder with the script and, if `sidecar`, its provenance sidecar.
    func scriptFolder(_ text: String = script, sidecar: Bool = true) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".heist.fountain.intercut"), withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("heist.fountain")
        try Data(text.utf8).write(to: url)
        if sidecar {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try ProvenanceSidecar(lines: lines, origins: Self.origins(lines)).encoded()
                .write(to: URL(fileURLWithPath: ProvenanceSidecar.path(forScript: url.path)))
        }
        return url
    }

    @Test func jsonHasTheDocumentedKeysPerSceneAndInTotal() throws {
        let file = try scriptFolder()
        let result = try CLIRunner.run(["provenance", file.path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let total = try #require(object["total"] as? [String: Int])
        // Heading, action, cue, dialogue, action | heading, action: 7 lines, 22 words.
        #expect(total["lines"] == 7)
        #expect(total["ai_lines"] == 2)
        #expect(total["ai_edited_lines"] == 1)
        #expect(total["human_lines"] == 4)
        #expect(total["words"] == 22)
        #expect(total["ai_words"] == 5 + 2 + 3)   // "Marlowe kneels at the dial." + "Two more" + "The van idles."
        #expect(total["ai_edited_words"] == 0)    // "turns." was typed by the writer
        let scenes = try #require(object["scenes"] as? [[String: Any]])
        #expect(scenes.map { $0["heading"] as? String } == ["INT. VAULT - NIGHT", "EXT. HARBOUR - DAWN"])
        #expect(scenes.map { $0["line"] as? Int } == [3, 12])
        #expect(scenes.map { $0["ai_lines"] as? Int } == [1, 1])
        #expect(scenes.map { $0["ai_edited_lines"] as? Int } == [1, 0])
        for key in ["lines", "words", "ai_lines", "ai_words", "ai_edited_lines", "ai_edited_words"] {
            #expect(scenes.allSatisfy { $0[key] is Int }, "scene key \(key)")
        }
    }

    @Test func theReadableTableAndMarkdownShowTheSameFigures() throws {
        let file = try scriptFolder()
        let text = try CLIRunner.run(["provenance", file.path])
        #expect(text.exitCode == 0)
        let total = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("Total") })
        #expect(total.split(separator: " ").map(String.init) == ["Total", "7", "2", "1", "4", "42.9%", "22", "10", "0", "12", "45.5%"])
        let markdown = try CLIRunner.run(["provenance", file.path, "--markdown"])
        #expect(markdown.exitCode == 0)
        #expect(markdown.stdout.contains("| **Total** |  | 7 | 2 | 1 | 4 | 22 | 10 | 0 | 12 |"))
        #expect(markdown.stdout.contains("| 1. INT. VAULT - NIGHT | 3 | 5 | 1 | 1 | 3 |"))
    }

    @Test func withoutASidecarEveryLineIsHumanAndWordsMatchStats() throws {
        for name in ["the-quiet-dial", "orbit-song", "returns-desk"] {
            let example = CLIRunner.repositoryRoot.appendingPathComponent("examples/\(name).fountain").path
            let result = try CLIRunner.run(["provenance", example, "--json"])
            #expect(result.exitCode == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            let total = try #require(object["total"] as? [String: Int])
            #expect(total["ai_lines"] == 0 && total["ai_edited_words"] == 0 && total["human_lines"] == total["lines"])
            let stats = try #require(try JSONSerialization.jsonObject(with: CLIRunner.run(["stats", example, "--json"]).stdoutData) as? [String: Any])
            #expect(total["words"] == stats["words"] as? Int, "\(name)")
            #expect((object["scenes"] as? [Any])?.count == stats["scenes"] as? Int, "\(name)")
        }
    }

    @Test func aScriptEditedOutsideIsReanchoredWithAWarning() throws {
        let file = try scriptFolder()
        // Another editor changes the AI action line and adds one at the top.
        let changed = "New first line.\n\n" + Self.script.replacingOccurrences(of: "kneels at the dial.", with: "kneels at the old dial.")
        try Data(changed.utf8).write(to: file)
        let result = try CLIRunner.run(["provenance", file.path, "--json"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("re-anchored"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let total = try #require((try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["total"] as? [String: Int])
        #expect(total["ai_lines"] == 1)           // "The van idles."
        #expect(total["ai_edited_lines"] == 2)    // the changed action line and the dialogue
    }

    @Test(arguments: [
        (["provenance", "/nonexistent/heist.fountain"], "no such file"),
        (["provenance", "-"], "not standard input"),
        (["export", "/nonexistent/heist.fountain", "--to", "fountain", "--annotate-ai"], "no such file"),
    ])
    func badInputIsAOneLineError(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func aCorruptSidecarIsAnErrorNotAllHuman() throws {
        let file = try scriptFolder()
        let sidecar = ProvenanceSidecar.path(forScript: file.path)
        try Data(#"{"format":"intercut-provenance","version":1}"#.utf8).write(to: URL(fileURLWithPath: sidecar))
        for arguments in [["provenance", file.path], ["export", file.path, "--to", "fountain", "--annotate-ai"]] {
            let result = try CLIRunner.run(arguments)
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("corrupt provenance sidecar"), "\(result.stderr)")
            #expect(result.stderr.contains("provenance.json"))
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func flagsThatDoNotGoTogetherAreRefused() throws {
        let file = try scriptFolder()
        for arguments in [["provenance", file.path, "--json", "--markdown"],
                          ["export", file.path, "--to", "fdx", "--annotate-ai"],
                          ["export", file.path, "--to", "fountain", "--annotate-ai", "--normalize"]] {
            let result = try CLIRunner.run(arguments)
            #expect(result.exitCode != 0, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func annotatedExportMarksAILinesAndPlainExportStaysClean() throws {
        let file = try scriptFolder()
        let plain = try CLIRunner.run(["export", file.path, "--to", "fountain"])
        #expect(plain.stdout == Self.script)
        let annotated = try CLIRunner.run(["export", file.path, "--to", "fountain", "--annotate-ai"])
        #expect(annotated.exitCode == 0)
        let lines = annotated.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[4] == "Marlowe kneels at the dial. [[AI]]")
        #expect(lines[7] == "Two more turns. [[AI-edited]]")
        #expect(lines[13] == "The van idles. [[AI]]")
        #expect(lines[9] == "Vera holds the torch.")
        // It parses to the same elements, plus notes.
        let parsedPlain = try JSONSerialization.jsonObject(with: CLIRunner.run(["parse", file.path, "--json"]).stdoutData) as? [String: Any]
        let parsedAnnotated = try JSONSerialization.jsonObject(
            with: CLIRunner.run(["parse", "-", "--json"], stdin: annotated.stdoutData).stdoutData) as? [String: Any]
        let plainElements = try #require(parsedPlain?["elements"] as? [[String: Any]])
        let annotatedElements = try #require(parsedAnnotated?["elements"] as? [[String: Any]])
        #expect(annotatedElements.map { $0["type"] as? String } == plainElements.map { $0["type"] as? String })
        #expect(annotatedElements.map { $0["line"] as? Int } == plainElements.map { $0["line"] as? Int })
        // And `-o` writes the same bytes to a file.
        let out = file.deletingLastPathComponent().appendingPathComponent("annotated.fountain")
        #expect(try CLIRunner.run(["export", file.path, "--to", "fountain", "--annotate-ai", "-o", out.path]).exitCode == 0)
        #expect(try Data(contentsOf: out) == annotated.stdoutData)
    }
}
