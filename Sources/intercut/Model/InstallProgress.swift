import Foundation

/// Install progress on stderr: stage lines always; on a terminal, byte
/// counts are redrawn in place, otherwise printed at quarter marks only so
/// logs stay short.
final class InstallProgress {
    private let isTerminal: Bool
    private var lastQuarter = -1
    private var lastDraw = Date.distantPast
    private var drawing = false

    init(isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    var stderrIsTerminal: Bool { isTerminal }

    /// A new stage ("Downloading…"): always its own line.
    func stage(_ message: String) {
        endLine()
        write("intercut: \(message)\n")
        lastQuarter = -1
    }

    /// Bytes done of `total` within the current stage.
    func bytes(_ label: String, done: Int, total: Int) {
        let line = "intercut: \(label) \(Self.mb(done)) / \(Self.mb(total))"
        if isTerminal {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            write("\r\u{1B}[K" + line)
            drawing = true
            if done == total { endLine() }
        } else {
            let quarter = total > 0 ? min(4, done * 4 / total) : 4
            guard quarter > lastQuarter else { return }
            lastQuarter = quarter
            write(line + "\n")
        }
    }

    func endLine() {
        if drawing { write("\n") }
        drawing = false
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    static func mb(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1e6) }
}
