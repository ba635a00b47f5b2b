/// Finds emphasis and inline notes in source lines. Emphasis never crosses
/// a line break; notes may span the lines of one element.
struct InlineScanner {
    private struct Opener {
        var column: Int
        var count: Int
    }

    /// Open `*` and `_` runs; kept between lines to avoid reallocating.
    private var stars: [Opener] = []
    private var unders: [Opener] = []

    /// Emphasis spans of one line. `b[lo..<hi]` is the line's text;
    /// columns are reported relative to `lo`.
    mutating func emphasis(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, line: Int, into spans: inout [InlineSpan]) {
        stars.removeAll(keepingCapacity: true)
        unders.removeAll(keepingCapacity: true)
        var k = lo
        let raw = UnsafeRawPointer(b.baseAddress!)
        while k < hi {
            // Skip eight bytes at a time that hold no `*`, `_` or `\`.
            if k + 8 <= hi {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
                let s = w ^ (0x2A &* ones), u = w ^ (0x5F &* ones), e = w ^ (0x5C &* ones)
                let hit = ((s &- ones) & ~s) | ((u &- ones) & ~u) | ((e &- ones) & ~e)
                if hit & high == 0 {
                    k += 8
                    continue
                }
            }
            let c = b[k]
            if c != 0x2A && c != 0x5F && c != 0x5C {
                k += 1
                continue
            }
            if c == 0x5C, k + 1 < hi, b[k + 1] == 0x2A || b[k + 1] == 0x5F {
                k += 2
                continue
            }
            guard c == 0x2A || c == 0x5F else { k += 1; continue }
            var run = 1
            while k + run < hi, b[k + run] == c { run += 1 }
            let canOpen = k + run < hi && !ByteRules.isSpace(b[k + run])
            let canClose = k > lo && !ByteRules.isSpace(b[k - 1])
            var remaining = run
            var col = k - lo
            if canClose {
                if c == 0x2A {
                    Self.close(&stars, &remaining, &col, line: line, star: true, into: &spans)
                } else {
                    Self.close(&unders, &remaining, &col, line: line, star: false, into: &spans)
                }
            }
            if remaining > 0, canOpen {
                let o = Opener(column: col, count: remaining)
                if c == 0x2A { stars.append(o) } else { unders.append(o) }
            }
            k += run
        }
    }

    private static func close(_ stack: inout [Opener], _ remaining: inout Int, _ col: inout Int, line: Int,
                              star: Bool, into spans: inout [InlineSpan]) {
        while remaining > 0, var o = stack.popLast() {
            let use = star ? (remaining >= 2 && o.count >= 2 ? 2 : 1) : 1
            let kind: InlineSpan.Kind = star ? (use == 2 ? .bold : .italic) : .underline
            let p = { (c: Int) in SourcePosition(line: line, column: c) }
            spans.append(InlineSpan(kind: kind, range: p(o.column + o.count - use)..<p(col + use),
                                    content: p(o.column + o.count)..<p(col)))
            o.count -= use
            remaining -= use
            col += use
            if o.count > 0 { stack.append(o) }
        }
    }

    /// Note spans `[[…]]` over several lines. `lines` gives each line's
    /// index and bytes; an unclosed `[[` is text.
    static func notes(_ lines: [(line: Int, bytes: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int)],
                      into spans: inout [InlineSpan]) {
        var open: SourcePosition?
        for l in lines {
            var k = l.lo
            while k + 1 < l.hi {
                if open == nil, l.bytes[k] == 0x5B, l.bytes[k + 1] == 0x5B {
                    open = SourcePosition(line: l.line, column: k - l.lo)
                    k += 2
                } else if let o = open, l.bytes[k] == 0x5D, l.bytes[k + 1] == 0x5D {
                    let end = SourcePosition(line: l.line, column: k + 2 - l.lo)
                    spans.append(InlineSpan(kind: .note, range: o..<end,
                                            content: SourcePosition(line: o.line, column: o.column + 2)..<SourcePosition(line: l.line, column: k - l.lo)))
                    open = nil
                    k += 2
                } else {
                    k += 1
                }
            }
        }
    }
}
