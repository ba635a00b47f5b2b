/// Removes secrets (the API key, URL credentials) from text that may be
/// shown or logged: error messages, server replies quoted in them.
struct SecretRedactor: Sendable {
    static let placeholder = "[redacted]"
    private let secrets: [String]

    init(secrets: [String]) {
        // Longest first, so a secret containing another is removed whole.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacingAll(secret, with: Self.placeholder)
        }
        return result
    }

    /// `text` redacted, on one line, at most `limit` characters: fit for a status bar.
    func oneLine(_ text: String, limit: Int = 240) -> String {
        var line = redact(text)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
        // Redact again: truncation cannot create a secret, but joining lines could.
        return redact(line)
    }
}

import Foundation

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }
}

extension SecretRedactor: CustomReflectable {
    /// The secrets themselves are never reflected.
    var customMirror: Mirror { Mirror(self, children: ["secrets": secrets.count]) }
}
