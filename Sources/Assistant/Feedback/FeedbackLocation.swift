import Foundation

/// Where a script's Intercut data lives: `<dir>/.<file name>.intercut/`.
public enum FeedbackLocation {
    /// `<dir>/.<name>.intercut/feedback.jsonl` for a script; for an untitled
    /// buffer `$XDG_STATE_HOME/intercut/untitled/feedback.jsonl`
    /// (`~/.local/state` when XDG_STATE_HOME is unset).
    public static func log(forScript scriptPath: String?,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        guard let scriptPath else {
            let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
            return URL(fileURLWithPath: state).appendingPathComponent("intercut/untitled/feedback.jsonl")
        }
        let script = URL(fileURLWithPath: scriptPath)
        return script.deletingLastPathComponent()
            .appendingPathComponent(".\(script.lastPathComponent).intercut")
            .appendingPathComponent("feedback.jsonl")
    }
}
