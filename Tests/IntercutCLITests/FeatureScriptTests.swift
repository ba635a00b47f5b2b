import Foundation
import Testing

/// `scripts/make-feature-script`: the feature-length benchmark script is
/// deterministic, feature-sized and a valid screenplay for every subcommand.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct FeatureScriptTests {
    /// Runs `scripts/make-feature-script` into `path`; returns its exit status.
    static func make(at path: String, _ extra: [String] = []) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CLIRunner.repositoryRoot.appendingPathComponent("scripts/make-feature-script").path, path] + extra
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func generate(_ extra: [String] = []) throws -> (URL, Data) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-feature-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("feature.fountain")
        #expect(try Self.make(at: out.path, extra) == 0)
        return (out, try Data(contentsOf: out))
    }

    @Test func isDeterministicFeatureSizedAndOverAHundredPages() throws {
        let (file, first) = try generate()
        let (_, second) = try generate()
        #expect(first == second)
        #expect((150_000...250_000).contains(first.count))
        let stats = try CLIRunner.run(["stats", file.path, "--json"])
        #expect(stats.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: stats.stdoutData) as? [String: Any])
        #expect((object["pages"] as? Int ?? 0) >= 100)
        #expect((object["scenes"] as? Int ?? 0) >= 100)
        #expect(((object["characters"] as? [[String: Any]]) ?? []).count >= 6)
        let txt = try CLIRunner.run(["export", file.path, "--to", "txt"])
        #expect(txt.stdout.contains("(MORE)"))
        #expect(txt.stdout.contains("(CONT'D)"))
    }

    @Test func seedChangesTheScript() throws {
        let (_, a) = try generate()
        let (_, b) = try generate(["--seed", "7"])
        #expect(a != b)
    }
}
