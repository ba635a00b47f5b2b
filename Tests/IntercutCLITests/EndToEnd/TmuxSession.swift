import Foundation
import Testing

/// Drives a real terminal for end-to-end tests: a tmux server on its own
/// socket (`tmux -L`), one window of a fixed size running an interactive
/// bash, into which tests type commands and keys and whose screen they read.
///
/// Waiting is always polling with a timeout (`waitFor`), never a fixed
/// sleep: a slow machine only makes a test slower, not flaky.
final class TmuxSession {
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    let socket: String
    /// A scratch directory: HOME, XDG dirs and test files live here.
    let directory: String
    private var killed = false

    /// Starts `bash` in a `width` × `height` window with `TERM` set to `term`.
    init(width: Int, height: Int, term: String = "tmux-256color", environment: [String: String] = [:]) throws {
        socket = "intercut-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = NSTemporaryDirectory() + socket
        try FileManager.default.createDirectory(atPath: directory + "/home", withIntermediateDirectories: true)
        let config = directory + "/tmux.conf"
        try """
        set -g default-terminal "\(term)"
        set -g escape-time 10
        set -g history-limit 100
        set -g status off
        """.write(toFile: config, atomically: true, encoding: .utf8)
        var env = [
            "HOME": directory + "/home", "XDG_STATE_HOME": directory + "/state", "XDG_CONFIG_HOME": directory + "/config",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ ", "PATH": "/usr/bin:/bin:/usr/local/bin",
        ]
        for (key, value) in environment { env[key] = value }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // The server this starts would hold a stdout pipe open forever: no pipe here.
        try Self.run("/usr/bin/env", ["tmux", "-L", socket, "-f", config, "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "main",
                  "env -i \(exports) /bin/bash --norc --noprofile -i"], captureOutput: false)
        _ = try waitFor(timeout: 10) { $0.contains("$") }
    }

    deinit {
        if !killed { _ = try? tmux(["kill-server"]) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func file(_ name: String) -> String { directory + "/" + name }

    /// Runs `intercut args…` from the shell and reports its exit status on screen afterwards.
    func launchIntercut(_ args: [String], environment: [String: String] = [:]) throws {
        let prefix = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value)) " }.joined()
        let command = prefix + ([CLIRunner.binary.path] + args).map(Self.quote).joined(separator: " ")
        try type("clear; \(command); echo \"EXIT=$?\"")
        try keys("Enter")
    }

    /// Sends tmux key names: "Enter", "C-s", "F1", "S-Right".
    func keys(_ names: String...) throws {
        try tmux(["send-keys", "-t", "main"] + names)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// Pastes `text` as a terminal would with bracketed paste on.
    func paste(_ text: String) throws {
        let path = file("paste-\(UUID().uuidString).txt")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try tmux(["load-buffer", "-b", "e2e", path])
        try tmux(["paste-buffer", "-p", "-d", "-b", "e2e", "-t", "main"])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen as text, one line per row.
    func screen(withAttributes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"] + (withAttributes ? ["-e"] : []))
    }

    /// Polls the screen until `predicate` holds; fails the test with the
    /// last screen if `timeout` seconds pass first.
    @discardableResult
    func waitFor(timeout: Double = 10, _ description: String = "condition", sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if try predicate(last) { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(description); screen:\n\(last)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    func waitFor(text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor(timeout: timeout, "'\(text)'", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls any condition (a file's contents, a process) with a timeout.
    static func poll(timeout: Double = 10, _ description: String, sourceLocation: SourceLocation = #_sourceLocation,
                     _ predicate: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try predicate() { return }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(description)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    struct TimedOut: Error {}

    /// The pid of the program running under the pane's shell, if any.
    func childPID() throws -> Int32? {
        let shell = try tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// `stty -a` of the pane's terminal, to check the terminal was restored.
    func terminalSettings() throws -> String {
        let tty = try tmux(["list-panes", "-t", "main", "-F", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Self.run("/bin/stty", ["-F", tty, "-a"])
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], captureOutput: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard captureOutput else {
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return ""
        }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
