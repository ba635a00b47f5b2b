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

    /// Starts a `width` × `height` window with `TERM` set to `term`,
    /// running an interactive bash, or `command` under a non-interactive
    /// sh (which, unlike bash's readline, leaves the terminal's modes alone).
    init(width: Int, height: Int, term: String = "tmux-256color", environment: [String: String] = [:],
         command: ((TmuxSession) -> String)? = nil) throws {
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
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ ", "TERM": term, "PATH": "/usr/bin:/bin:/usr/local/bin",
        ]
        for (key, value) in environment { env[key] = value }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // The server this starts would hold a stdout pipe open forever: no pipe here.
        let program = command.map { "/bin/sh -c \(Self.quote($0(self)))" } ?? "/bin/bash --norc --noprofile -i"
        // The server lives on after this call: close every descriptor it
        // would inherit (other tests' Foundation pipes are not close-on-exec,
        // and their readers would wait for EOF until this server exits).
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; exec "$@""#
        try Self.run("/bin/bash", ["-c", closeInherited, "tmux", "tmux", "-L", socket, "-f", config, "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "main",
                  "env -i \(exports) \(program)"], captureOutput: false)
        if command == nil { _ = try waitFor(timeout: 10) { $0.contains("$") } }
    }

    deinit {
        if !killed { _ = try? tmux(["kill-server"]) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func file(_ name: String) -> String { directory + "/" + name }

    /// The shell command line that runs `intercut args…`.
    static func intercutCommand(_ args: [String], environment: [String: String] = [:]) -> String {
        let prefix = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(quote($0.value)) " }.joined()
        return prefix + ([CLIRunner.binary.path] + args).map(quote).joined(separator: " ")
    }

    /// Runs `intercut args…` from the shell and, if `reportExit`, shows its
    /// exit status as `EXIT=n` afterwards.
    func launchIntercut(_ args: [String], environment: [String: String] = [:], reportExit: Bool = true) throws {
        unlink(timingFile)
        var environment = environment
        environment["INTERCUT_TIMING"] = timingFile
        let command = Self.intercutCommand(args, environment: environment)
        try type("clear; \(command)" + (reportExit ? "; echo \"EXIT=$?\"" : ""))
        try keys("Enter")
    }

    /// Where intercut notes its first frame (INTERCUT_TIMING).
    var timingFile: String { file("timing.log") }

    /// Waits until the editor has drawn its first frame, so keys sent next
    /// reach it in raw mode rather than the shell or a cooked tty.
    func waitForFirstFrame(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try poll("the first frame", sourceLocation: sourceLocation) {
            (try? String(contentsOfFile: timingFile, encoding: .utf8))?.contains("first_frame_ms") == true
        }
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

    /// Polls any condition (a file's contents, a process) with a timeout;
    /// a failure shows the screen.
    func poll(timeout: Double = 10, _ description: String, sourceLocation: SourceLocation = #_sourceLocation,
              _ predicate: () throws -> Bool) throws {
        do {
            try Self.poll(timeout: timeout, description, sourceLocation: sourceLocation, predicate)
        } catch let error as TimedOut {
            Issue.record("screen at the time-out:\n\((try? screen()) ?? "")", sourceLocation: sourceLocation)
            throw error
        }
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

    /// The editor's recovery journal directory (XDG_STATE_HOME is scratch).
    var journalDirectory: String { directory + "/state/intercut/journal" }

    /// Waits until a finished journal snapshot holds text satisfying
    /// `predicate`. Only `*.journal` files count: the half-written temporary
    /// file beside one is visible before its rename, and a kill that follows
    /// it too soon leaves no journal at all.
    func waitForJournal(timeout: Double = 3, _ description: String, sourceLocation: SourceLocation = #_sourceLocation,
                        _ predicate: @escaping (String) -> Bool) throws {
        let directory = journalDirectory
        try poll(timeout: timeout, description, sourceLocation: sourceLocation) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.contains { name in
                name.hasSuffix(".journal")
                    && (try? Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
                        .map { predicate(String(decoding: $0, as: UTF8.self)) } == true
            }
        }
    }

    struct TimedOut: Error {}

    /// The pid of the program running under the pane's shell, if any.
    func childPID() throws -> Int32? {
        let shell = try tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
    }

    /// Runs a program and returns its stdout. posix_spawn + waitpid rather
    /// than Foundation's Process: `tmux new-session` leaves a daemon behind
    /// that inherits Process's internal descriptors, and waitUntilExit then
    /// never returns. Output goes through a temporary file for the same reason.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], captureOutput: Bool = true) throws -> String {
        let outputPath = NSTemporaryDirectory() + "intercut-e2e-out-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Test-runner threads block signals; a tmux server inheriting that
        // mask could not be stopped by kill-server's SIGHUP to its panes.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        return captureOutput ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }
}
