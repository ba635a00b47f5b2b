/// Byte-level tests the block parser needs. All take a buffer and a
/// half-open range; none allocate.
enum ByteRules {
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    @inline(__always) static func isLowerASCII(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) static func isUpperASCII(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { isLowerASCII(b) ? b - 0x20 : b }

    /// Range without leading and trailing spaces/tabs.
    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
        var l = lo, h = hi
        while l < h, isSpace(b[l]) { l += 1 }
        while h > l, isSpace(b[h - 1]) { h -= 1 }
        return (l, h)
    }

    static func hasPrefixCaseInsensitive(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard hi - lo >= n else { return false }
        let ptr = p.utf8Start
        for k in 0..<n where upper(b[lo + k]) != ptr[k] { return false }
        return true
    }

    /// `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT`, `I/E`, `I./E` followed by `.` or a space.
    static func isSceneHeading(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        // Every prefix starts with I or E: most lines leave here.
        guard lo < hi else { return false }
        let first = upper(b[lo])
        guard first == 0x49 || first == 0x45 else { return false }
        for p in headingPrefixes where hasPrefixCaseInsensitive(b, lo, hi, p) {
            let k = lo + p.utf8CodeUnitCount
            if k < hi, b[k] == 0x2E || b[k] == 0x20 { return true }
        }
        return false
    }

    static let headingPrefixes: [StaticString] = ["INT./EXT", "INT/EXT", "I./E", "I/E", "INT", "EXT", "EST"]

    /// The range of a trailing scene number `#…#` (markers included), if any.
    static func sceneNumber(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int)? {
        guard hi - lo >= 3, b[hi - 1] == 0x23 else { return nil }
        var k = hi - 2
        while k >= lo {
            let c = b[k]
            if c == 0x23 { break }
            guard isUpperASCII(c) || isLowerASCII(c) || isDigit(c) || c == 0x2D || c == 0x2E else { return nil }
            k -= 1
        }
        guard k >= lo, k < hi - 2 else { return nil }
        return (k, hi)
    }

    /// No lower-case letter and at least one upper-case letter, with the
    /// first letter-or-digit a letter (`R2D2` yes, `3CPO` no). Non-ASCII
    /// text is checked with Unicode properties.
    static func isUpperCaseName(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var sawUpper = false
        var sawFirst = false
        var k = lo
        while k < hi {
            let c = b[k]
            if c >= 0x80 {
                return unicodeIsUpperCaseName(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self))
            }
            if isLowerASCII(c) { return false }
            if isUpperASCII(c) { sawUpper = true; sawFirst = true } else if isDigit(c), !sawFirst { return false }
            k += 1
        }
        return sawUpper
    }

    static func unicodeIsUpperCaseName(_ s: String) -> Bool {
        var sawUpper = false
        var sawFirst = false
        for u in s.unicodeScalars {
            let p = u.properties
            if p.isLowercase { return false }
            if p.isAlphabetic {
                if p.isUppercase { sawUpper = true } else if p.changesWhenLowercased == false && p.changesWhenUppercased == false {
                    // An uncased letter (CJK, Arabic …): not an unforced cue.
                    return false
                }
                sawFirst = true
            } else if p.numericType != nil, !sawFirst {
                return false
            }
        }
        return sawUpper
    }

    /// A line of three or more `=` and nothing else.
    static func isPageBreak(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo >= 3 else { return false }
        for k in lo..<hi where b[k] != 0x3D { return false }
        return true
    }

    static func endsWith(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard hi - lo >= n else { return false }
        let ptr = p.utf8Start
        for k in 0..<n where b[hi - n + k] != ptr[k] { return false }
        return true
    }

    static func contains(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ c: UInt8) -> Int? {
        var k = lo
        while k < hi {
            if b[k] == c { return k }
            k += 1
        }
        return nil
    }
}
