/// The bytes that ended a source line, kept so writing back is byte-identical.
public enum LineEnding: UInt8, Sendable, Hashable {
    /// Only the last line can have none (the file has no final newline).
    case none, lf, crlf, cr

    public var bytes: [UInt8] {
        switch self {
        case .none: []
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        case .cr: [0x0D]
        }
    }
}
