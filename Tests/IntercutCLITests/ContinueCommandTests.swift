import Foundation
import Testing

/// `intercut continue` end to end: the JSON-lines contract on the real model,
/// and one-line errors with a non-zero exit for bad input.
@Suite struct ContinueCommandTests {
    static var skipModel: Bool { ProcessInfo.processInfo.environment["INTERCUT_SKIP_MODEL_TESTS"] == "1" }

    static func script(_ text: String, name: String = "scene.fountain") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("continue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test(.enabled(if: !skipModel)) func jsonLinesStreamEveryCandidate() throws {
        let url = try Self.script("INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n\nMARLOWE\n")
        let r = try CLIRunner.run(["continue", url.path, "--n", "2", "--max-tokens", "12", "--seed", "5", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        var deltas: [Int: String] = [:]
        var done: [Int: [String: Any]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let i = try #require(obj["index"] as? Int)
            if let d = obj["delta"] as? String { deltas[i, default: ""] += d } else { done[i] = obj }
        }
        #expect(done.count == 2)
        for i in 0..<2 {
            let d = try #require(done[i])
            #expect(d["done"] as? Bool == true)
            #expect(d["text"] as? String == deltas[i] ?? "")
            #expect(["stop", "length", "eos"].contains(d["finish_reason"] as? String ?? ""))
        }
        // Same seed, same output.
        let again = try CLIRunner.run(["continue", url.path, "--n", "2", "--max-tokens", "12", "--seed", "5", "--json"])
        #expect(again.stdout == r.stdout)
    }

    @Test func badInputFailsWithOneLine() throws {
        let binary = try Self.script("", name: "bin.fountain")
        try Data([0x49, 0x4E, 0x00, 0x54]).write(to: binary)
        let invalid = try Self.script("", name: "latin1.fountain")
        try Data([0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: invalid)
        let ok = try Self.script("INT. ROOM - DAY\n")
        let cases: [([String], String)] = [
            (["continue", "/nonexistent/x.fountain"], "cannot read"),
            (["continue", binary.path], "binary"),
            (["continue", invalid.path], "UTF-8"),
            (["continue", ok.path, "--n", "0"], "--n"),
            (["continue", ok.path, "--at", "9"], "outside the file"),
            (["continue", ok.path, "--model", "/nonexistent/model.gguf"], "model file not found"),
            // Remote backends: a refused connection and an unknown kind are one line too.
            (["continue", ok.path, "--backend", "openai", "--url", "http://127.0.0.1:1/v1", "--n", "2"], "connection refused"),
            (["continue", ok.path, "--backend", "nosuch"], "unknown backend"),
        ]
        for (args, needle) in cases {
            let r = try CLIRunner.run(args)
            #expect(r.exitCode != 0, "\(args)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
        }
    }
}
