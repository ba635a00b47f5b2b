/// Splits a byte stream into lines, however the stream is chunked.
///
/// A line ends at LF, CR or CRLF (a CRLF split across two chunks counts
/// once). Splitting happens on bytes, so a multi-byte UTF-8 character cut
/// between chunks is reassembled before decoding; invalid UTF-8 becomes
/// U+FFFD. A line longer than `maxLineBytes` throws instead of growing
/// without bound (a server that never sends a newline).
struct LineSplitter {
    let maxLineBytes: Int
    private var line: [UInt8] = []
    private var lastByteWasCR = false

    init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Appends `bytes` and returns the lines they complete, without terminators.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(LineTooLong) -> [String]
    where Bytes.Element == UInt8 {
        var lines: [String] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                if lastByteWasCR {
                    lastByteWasCR = false
                } else {
                    lines.append(takeLine())
                }
            case UInt8(ascii: "\r"):
                lines.append(takeLine())
                lastByteWasCR = true
            default:
                lastByteWasCR = false
                guard line.count < maxLineBytes else { throw LineTooLong(limit: maxLineBytes) }
                line.append(byte)
            }
        }
        return lines
    }

    /// The unterminated last line, if the stream ended without a line break.
    mutating func finish() -> String? {
        line.isEmpty ? nil : takeLine()
    }

    private mutating func takeLine() -> String {
        defer { line.removeAll(keepingCapacity: true) }
        return String(decoding: line, as: UTF8.self)
    }
}

/// A line exceeded ``LineSplitter/maxLineBytes``.
struct LineTooLong: Error, Equatable {
    let limit: Int
}
