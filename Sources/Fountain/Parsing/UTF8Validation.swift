/// Raw file bytes to source text: UTF-8 validity and binary data, with a lossy repair.
enum UTF8Validation {
    struct Decoded {
        var source: SourceText
        var warnings: [String]
    }

    /// Control bytes that do not occur in text files. Tab, LF, VT, FF, CR
    /// and ESC are allowed.
    @inline(__always)
    static func isBinaryByte(_ b: UInt8) -> Bool {
        b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0B && b != 0x0C && b != 0x0D && b != 0x1B
    }

    /// The source text of raw file bytes: checked and split into lines in one pass (`LineScan`).
    static func decode(_ input: [UInt8], mode: FountainDocument.DecodingMode) throws(FountainDecodingError) -> Decoded {
        let hasBOM = input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF
        let base = hasBOM ? 3 : 0
        // Without a BOM the caller's array is shared (copy-on-write), not copied.
        let body = base == 0 ? input : Array(input[base...])
        let scan = LineScan.lines(of: body, validating: true)
        guard var problem = scan.problem else {
            return Decoded(source: SourceText(bytes: body, hasBOM: hasBOM, lineTable: scan.lines), warnings: [])
        }
        problem.offset += base
        if mode == .strict { throw problem }
        return repair(input, from: base, hasBOM: hasBOM)
    }

    /// Length of the valid UTF-8 sequence starting at `i` (a non-ASCII lead byte), or 0.
    @inline(__always)
    static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = buf.count
        let b0 = buf[i]
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && buf[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let b1 = buf[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogates
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = buf[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// Lossy mode: U+FFFD for each invalid byte, binary control bytes dropped.
    static func repair(_ input: [UInt8], from start: Int, hasBOM: Bool) -> Decoded {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var replaced = 0, dropped = 0
        var firstReplaced = -1, firstDropped = -1
        input.withUnsafeBufferPointer { buf in
            var i = start
            while i < buf.count {
                let b = buf[i]
                if b < 0x80 {
                    if isBinaryByte(b) {
                        dropped += 1
                        if firstDropped < 0 { firstDropped = i }
                    } else {
                        out.append(b)
                    }
                    i += 1
                    continue
                }
                let len = sequenceLength(buf, at: i)
                if len == 0 {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    replaced += 1
                    if firstReplaced < 0 { firstReplaced = i }
                    i += 1
                } else {
                    out.append(contentsOf: buf[i..<(i + len)])
                    i += len
                }
            }
        }
        var warnings: [String] = []
        if replaced > 0 {
            warnings.append("replaced \(replaced) invalid UTF-8 byte(s) with U+FFFD, first at byte offset \(firstReplaced)")
        }
        if dropped > 0 {
            warnings.append("dropped \(dropped) binary control byte(s), first at byte offset \(firstDropped)")
        }
        return Decoded(source: SourceText(bytes: out, hasBOM: hasBOM), warnings: warnings)
    }
}
