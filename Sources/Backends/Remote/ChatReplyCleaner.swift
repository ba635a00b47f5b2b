import Foundation

/// Strips what chat models wrap around a continuation, as the reply streams:
/// leading role markers ("Assistant:"), preambles ("Sure, here is the
/// continuation:"), an opening code fence, and a closing fence with any
/// chatter after it ("Let me know if…").
///
/// Only whole lines are judged: the start of the reply is held until its
/// first line is complete, and a line that might be a closing fence (it
/// begins with a backtick) is held until it ends. Everything else streams
/// through unchanged.
struct ChatReplyCleaner {
    private enum Phase { case leading, body, closed }
    private var phase = Phase.leading
    private var pending = ""
    /// Whether part of the current body line was already emitted.
    private var lineOpen = false

    /// How much leading text is held at most while looking for a first line.
    static let leadingLimit = 400

    mutating func feed(_ piece: String) -> String {
        pending += piece
        return drain(final: false)
    }

    mutating func finish() -> String {
        drain(final: true)
    }

    private mutating func drain(final: Bool) -> String {
        var output = ""
        while true {
            switch phase {
            case .closed:
                pending = ""
                return output
            case .leading:
                guard let newline = pending.firstIndex(of: "\n") else {
                    if final || pending.count > Self.leadingLimit {
                        if !pending.isEmpty, Self.isDecoration(pending) { pending = "" }
                        phase = .body
                        continue
                    }
                    return output
                }
                let line = pending[..<newline]
                if Self.isDecoration(line) {
                    pending = String(pending[pending.index(after: newline)...])
                } else {
                    phase = .body
                }
            case .body:
                if let newline = pending.firstIndex(of: "\n") {
                    let line = pending[..<newline]
                    if !lineOpen, Self.isFence(line) {
                        phase = .closed
                        continue
                    }
                    output += pending[...newline]
                    pending = String(pending[pending.index(after: newline)...])
                    lineOpen = false
                } else {
                    if !lineOpen, Self.mightBeFence(pending), !final { return output }
                    if !lineOpen, final, Self.isFence(Substring(pending)) {
                        phase = .closed
                        continue
                    }
                    output += pending
                    lineOpen = lineOpen || !pending.isEmpty
                    pending = ""
                    return output
                }
            }
        }
    }

    // MARK: - What counts as decoration

    private static let roleMarkers: Set<String> = [
        "assistant:", "<|assistant|>", "<|im_start|>assistant", "### response:", "response:",
        "continuation:", "**continuation:**", "**continuation**", "model:", "<start_of_turn>model",
    ]
    private static let preambleOpeners = [
        "sure", "certainly", "of course", "okay", "ok,", "ok.", "here is", "here's", "here are",
        "absolutely", "great", "alright", "below is",
    ]

    static func isDecoration(_ rawLine: Substring) -> Bool {
        isDecoration(String(rawLine))
    }

    static func isDecoration(_ rawLine: String) -> Bool {
        let line = rawLine.trimmingCharacters(in: .whitespaces).lowercased()
        if line.isEmpty || isFence(Substring(line)) { return true }
        if roleMarkers.contains(line) { return true }
        guard preambleOpeners.contains(where: { line.hasPrefix($0) }) else { return false }
        // "Sure! Here's the continuation:" but not "OKAY, LET'S GO." as dialogue in caps.
        return rawLine.trimmingCharacters(in: .whitespaces) != rawLine.trimmingCharacters(in: .whitespaces).uppercased()
            && (line.hasSuffix(":") || line.contains("continu") || line.contains("here") || line.contains("scene"))
    }

    static func isFence(_ line: Substring) -> Bool {
        line.trimmingCharacters(in: .whitespaces).hasPrefix("```")
    }

    private static func mightBeFence(_ partial: String) -> Bool {
        let trimmed = partial.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || "```".hasPrefix(trimmed.prefix(3)) && trimmed.first == "`"
    }
}
