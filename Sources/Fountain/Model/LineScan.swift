/// One pass over source bytes that splits them into lines (LF, CRLF, lone
/// CR), computes each line's `LineFlags` and, for raw file bytes, checks that
/// they are UTF-8 text, stopping at the first problem.
///
/// Eight bytes at a time: a word with no byte of 0x80 or above is tested for
/// the few bytes that matter (controls — LF, CR and tab among them — and
/// `*`, `/`, `[` … `_`) with word arithmetic, and only those bytes are looked
/// at; a word with a non-ASCII byte goes byte by byte (UTF-8 sequences may
/// run past it). This replaced four separate walks: validation, line split,
/// the parser's per-line flag scan and the page measurer's ASCII check.
enum LineScan {
    /// The line table of `bytes` and, when `validating`, the first byte that
    /// is not UTF-8 text (offset into `bytes`; then the table is incomplete).
    static func lines(of bytes: [UInt8], validating: Bool) -> (lines: [SourceText.Line], problem: FountainDecodingError?) {
        bytes.withUnsafeBufferPointer { buf in
            var problem: FountainDecodingError?
            var overflow: [SourceText.Line] = []
            // Scripts average about 30 bytes a line: room for one in 16 bytes is rarely short. The
            // table is written in place (no second buffer to copy and free: a freed block at the top
            // of the heap can make glibc give memory back and fault it in again on the next parse).
            var lines = [SourceText.Line](unsafeUninitializedCapacity: buf.count / 16 + 2) { out, initialized in
                var table = TableBuilder(out)
                problem = scan(buf, validating: validating, into: &table)
                initialized = table.count
                overflow = table.overflow
            }
            if !overflow.isEmpty { lines += overflow }
            return (lines, problem)
        }
    }

    /// Where the line being read starts and the flags of its bytes so far.
    private struct Cursor {
        var start = 0
        var flags: UInt8 = 0
    }

    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte of `w` (all below 0x80) equal to `c`. Exact: no carry crosses a byte.
    @inline(__always)
    private static func equal(_ w: UInt64, _ c: UInt64) -> UInt64 {
        ~((w ^ c) &+ 0x7F7F_7F7F_7F7F_7F7F) & high
    }

    /// High bit set in each byte of `w` (all below 0x80) that must be looked at:
    /// below 0x20, `*`, `/`, or 0x5B … 0x5F (`[`, `\`, `_`, and the harmless `]`, `^`).
    @inline(__always)
    private static func interesting(_ w: UInt64) -> UInt64 {
        let control = ~(w &+ 0x6060_6060_6060_6060) & high
        let brackets = (w &+ 0x2525_2525_2525_2525) & ~(w &+ 0x2020_2020_2020_2020) & high
        return control | brackets | equal(w, 0x2A2A_2A2A_2A2A_2A2A) | equal(w, 0x2F2F_2F2F_2F2F_2F2F)
    }

    /// The pass itself. The hot loop keeps its state in locals and calls out
    /// for everything rare (line ends, CR and other controls, non-ASCII words).
    private static func scan(_ buf: UnsafeBufferPointer<UInt8>, validating: Bool,
                             into table: inout TableBuilder) -> FountainDecodingError? {
        let n = buf.count
        var cursor = Cursor()
        var i = 0
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & high != 0 {
                    if let problem = slowBytes(buf, &i, upTo: i + 8, validating, &cursor, &table) { return problem }
                    continue
                }
                var m = interesting(w)
                while m != 0 {
                    let p = i + m.trailingZeroBitCount >> 3
                    m &= m &- 1
                    let b = base[p]
                    if b >= 0x20 {
                        cursor.flags |= LineFlags.of(b)
                    } else if b == 0x0A {
                        // The LF of a CRLF was taken with its CR.
                        if p >= cursor.start { table.add(buf, &cursor, end: p, .lf) }
                    } else if let problem = control(buf, b, at: p, validating, &cursor, &table) {
                        return problem
                    }
                }
                i += 8
            }
        }
        if let problem = slowBytes(buf, &i, upTo: n, validating, &cursor, &table) { return problem }
        table.add(buf, &cursor, end: n, .none)
        return nil
    }

    /// Byte by byte from `i` to at least `stop` (a UTF-8 sequence may run past
    /// it), and on while the next eight bytes hold a non-ASCII one too, so text in
    /// an accented or non-Latin script stays in this loop.
    @inline(never)
    private static func slowBytes(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int, upTo stop: Int, _ validating: Bool,
                                  _ cursor: inout Cursor, _ table: inout TableBuilder) -> FountainDecodingError? {
        var stop = stop
        while true {
            while i < stop {
                let b = buf[i]
                if b >= 0x80 {
                    var len = UTF8Validation.sequenceLength(buf, at: i)
                    if len == 0 {
                        if validating { return FountainDecodingError(reason: .invalidUTF8, offset: i) }
                        len = 1
                    }
                    cursor.flags |= LineFlags.nonASCII
                    i += len
                    continue
                }
                if b >= 0x20 {
                    if mayFlag(b) { cursor.flags |= LineFlags.of(b) }
                } else if b == 0x0A {
                    if i >= cursor.start { table.add(buf, &cursor, end: i, .lf) }
                } else if let problem = control(buf, b, at: i, validating, &cursor, &table) {
                    return problem
                }
                i += 1
            }
            guard i + 8 <= buf.count,
                  UnsafeRawPointer(buf.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self) & high != 0
            else { return nil }
            stop = i + 8
        }
    }

    /// True for the printable ASCII bytes that carry a flag (`*`, `/`, `[`, `\`, `_`): one shift and mask.
    @inline(__always)
    private static func mayFlag(_ b: UInt8) -> Bool {
        let set: UInt64 = 1 << (0x2A - 0x20) | 1 << (0x2F - 0x20) | 1 << (0x5B - 0x20) | 1 << (0x5C - 0x20) | 1 << (0x5F - 0x20)
        return b < 0x60 && (set >> UInt64(b &- 0x20)) & 1 != 0
    }

    /// A control byte other than LF at `p`: CR ends a line, tab is flagged, binary data is a problem.
    @inline(never)
    private static func control(_ buf: UnsafeBufferPointer<UInt8>, _ b: UInt8, at p: Int, _ validating: Bool,
                                _ cursor: inout Cursor, _ table: inout TableBuilder) -> FountainDecodingError? {
        switch b {
        case 0x0D:
            let crlf = p + 1 < buf.count && buf[p + 1] == 0x0A
            table.add(buf, &cursor, end: p, crlf ? .crlf : .cr)
            if crlf { cursor.start += 1 }
        case 0x09:
            cursor.flags |= LineFlags.tab
        default:
            if validating, UTF8Validation.isBinaryByte(b) { return FountainDecodingError(reason: .binaryData, offset: p) }
        }
        return nil
    }

    /// The table being written into the array's own memory; lines past its
    /// capacity go to `overflow` (appending to an Array checks uniqueness and
    /// capacity on every line).
    private struct TableBuilder {
        private let out: UnsafeMutableBufferPointer<SourceText.Line>
        private(set) var count = 0
        private(set) var overflow: [SourceText.Line] = []

        init(_ out: UnsafeMutableBufferPointer<SourceText.Line>) {
            self.out = out
        }

        /// Ends the cursor's line at `end` (the ending's first byte) and starts the next after the ending's first byte.
        @inline(never)
        mutating func add(_ buf: UnsafeBufferPointer<UInt8>, _ cursor: inout Cursor, end: Int, _ ending: LineEnding) {
            var k = cursor.start
            while k < end, buf[k] == 0x20 || buf[k] == 0x09 { k += 1 }
            let flags = k < end ? cursor.flags | LineFlags.content : cursor.flags
            let line = SourceText.Line(start: cursor.start, length: end - cursor.start, ending: ending, flags: flags)
            if count < out.count {
                out.baseAddress!.advanced(by: count).initialize(to: line)
                count += 1
            } else {
                overflow.append(line)
            }
            cursor = Cursor(start: end + 1, flags: 0)
        }
    }
}
