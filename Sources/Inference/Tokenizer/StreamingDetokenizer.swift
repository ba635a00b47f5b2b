/// Turns a stream of token ids into text pieces that are always whole UTF-8:
/// bytes of a character split across byte tokens are held until the
/// character completes. Bytes that can never form a character become U+FFFD
/// at once (not held), so one bad byte cannot stall the stream.
public struct StreamingDetokenizer: Sendable {
    private let tokenizer: SentencePieceTokenizer
    private let renderSpecial: Bool
    private var pending: [UInt8] = []

    init(tokenizer: SentencePieceTokenizer, renderSpecial: Bool) {
        self.tokenizer = tokenizer
        self.renderSpecial = renderSpecial
    }

    /// True while bytes of an unfinished character are held back.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// Adds one token; returns the text that is now complete (may be empty).
    public mutating func append(_ id: Int32) -> String {
        pending += tokenizer.pieceBytes(id, renderSpecial: renderSpecial)
        let keep = Self.incompleteSuffixLength(pending)
        guard pending.count > keep else { return "" }
        let text = String(decoding: pending[..<(pending.count - keep)], as: UTF8.self)
        pending.removeFirst(pending.count - keep)
        return text
    }

    /// Ends the stream: any held bytes come out as U+FFFD.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// Length of a trailing sequence that is a valid but unfinished UTF-8
    /// character (0 if the bytes end on a boundary or in an invalid sequence).
    static func incompleteSuffixLength(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        // Find the last lead byte within the final 3 bytes.
        var i = n - 1
        while i >= 0, i >= n - 3, bytes[i] & 0xC0 == 0x80 { i -= 1 }
        guard i >= 0, i >= n - 3 else { return 0 }
        let lead = bytes[i]
        let need: Int
        switch lead {
        case 0xC2...0xDF: need = 2
        case 0xE0...0xEF: need = 3
        case 0xF0...0xF4: need = 4
        default: return 0
        }
        let have = n - i
        guard have < need else { return 0 }
        // The second byte's allowed range depends on the lead (RFC 3629):
        // reject overlongs and surrogates so invalid input is not held.
        if have >= 2 {
            let second = bytes[i + 1]
            let ok: Bool
            switch lead {
            case 0xE0: ok = (0xA0...0xBF).contains(second)
            case 0xED: ok = (0x80...0x9F).contains(second)
            case 0xF0: ok = (0x90...0xBF).contains(second)
            case 0xF4: ok = (0x80...0x8F).contains(second)
            default: ok = true
            }
            guard ok else { return 0 }
        }
        return have
    }
}
