import Foundation

/// Runs the built `intercut` binary as a user would, for end-to-end CLI tests.
///
/// The binary is looked up next to the test bundle (`swift build` puts every
/// product of a configuration in one folder), or at `INTERCUT_BIN` if set.
struct CLIRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["INTERCUT_BIN"] {
            return URL(fileURLWithPath: path)
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // Linux: .build/<config>/IntercutPackageTests.xctest; macOS: inside a bundle.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("intercut")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/release/intercut")
    }

    /// The repository root, found from this source file's location.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `intercut args…`, feeding `stdin` if given, and waits for it to exit.
    static func run(_ args: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a large output never deadlocks.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      stdoutData: outData)
    }
}
