/// FNV-1a (64-bit) of a line's UTF-8 bytes, as the sidecar stores it: 16
/// lower-case hex digits. Only used to tell lines apart when re-anchoring,
/// so speed and stability matter, not cryptographic strength.
enum LineHash {
    static func of(_ line: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in line.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func parse(_ text: String) -> UInt64? {
        text.utf8.count == 16 ? UInt64(text, radix: 16) : nil
    }
}
