/// Facts about one source line's bytes, found once when the line is read
/// (`LineScan`) and kept in the line table, so the parser and the page
/// measurer test a bit instead of walking the bytes again. One byte per line.
enum LineFlags {
    static let star: UInt8 = 1
    static let underscore: UInt8 = 2
    static let bracket: UInt8 = 4
    static let backslash: UInt8 = 8
    static let tab: UInt8 = 16
    static let slash: UInt8 = 32
    /// A byte of 0x80 or above: columns must be counted per scalar, upper-casing may change the length.
    static let nonASCII: UInt8 = 64
    /// A byte other than space and tab (the line is not blank).
    static let content: UInt8 = 128
    static let emphasis: UInt8 = star | underscore

    /// The flag of one ASCII byte (0 for the uninteresting ones).
    @inline(__always)
    static func of(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x2A: star
        case 0x5F: underscore
        case 0x5B: bracket
        case 0x5C: backslash
        case 0x09: tab
        case 0x2F: slash
        default: 0
        }
    }

    /// The flags of `buf[lo..<hi]`, byte by byte: for edited lines and boneyard-cut text, which are short.
    static func of(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> UInt8 {
        var f: UInt8 = 0
        var k = lo
        while k < hi {
            let b = buf[k]
            if b >= 0x80 { f |= nonASCII } else { f |= of(b) }
            if b != 0x20 && b != 0x09 { f |= content }
            k += 1
        }
        return f
    }
}
