/// FNV-1a, 64 bits, of a prompt's UTF-8: a cheap identity for "the same
/// context" in the log (not a security hash; the prompt itself is logged too).
enum ContextHash {
    static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
