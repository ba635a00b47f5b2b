/// Who wrote a piece of the script.
///
/// `aiEdited` is text the model wrote that the writer then changed (see
/// docs/PROVENANCE.md for the exact rule). The raw values are the sidecar's
/// and the reports' spelling.
public enum Origin: String, Sendable, Codable, CaseIterable {
    case human
    case ai
    case aiEdited = "ai-edited"

    /// Whether the model had a hand in it (ai or ai-edited).
    public var isMachine: Bool { self != .human }
}
