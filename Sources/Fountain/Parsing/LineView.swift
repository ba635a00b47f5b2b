/// One source line as the block parser sees it: whether it is content, blank
/// or entirely boneyard, and which interesting bytes it holds. Four bytes:
/// the visible bytes are the line's own (`SourceText.lineTable`) unless a
/// boneyard cut it (`isStripped`).
struct LineView {
    enum Blankness: UInt8 {
        /// Has visible non-whitespace text.
        case content
        /// Empty or a single whitespace character: separates paragraphs.
        case hard
        /// Two or more spaces/tabs only: continues dialogue and notes, else a blank.
        case soft
    }

    /// A boneyard removed part of the line; the visible bytes are kept aside
    /// (`BlockParser.strippedBytes`) so this type stays trivial to copy.
    var isStripped: Bool
    /// Only boneyard (and whitespace): transparent to classification.
    var hidden: Bool
    var blankness: Blankness
    /// Which interesting bytes occur in the line (`Flags`), to skip passes.
    var flags: UInt8

    enum Flags {
        static let star: UInt8 = 1
        static let underscore: UInt8 = 2
        static let bracket: UInt8 = 4
        static let backslash: UInt8 = 8
        static let tab: UInt8 = 16
        static let slash: UInt8 = 32
        static let emphasis: UInt8 = star | underscore
    }

    /// Flags of the bytes in `buf[lo..<hi]`: one table load per byte, four
    /// accumulators so the ORs do not wait on each other.
    static func scanFlags(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, table: UnsafePointer<UInt8>) -> UInt8 {
        var f0: UInt8 = 0, f1: UInt8 = 0, f2: UInt8 = 0, f3: UInt8 = 0
        var i = lo
        while i + 4 <= hi {
            f0 |= table[Int(buf[i])]
            f1 |= table[Int(buf[i + 1])]
            f2 |= table[Int(buf[i + 2])]
            f3 |= table[Int(buf[i + 3])]
            i += 4
        }
        while i < hi {
            f0 |= table[Int(buf[i])]
            i += 1
        }
        return f0 | f1 | f2 | f3
    }

    @inline(__always)
    static func flag(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x2A: Flags.star
        case 0x5F: Flags.underscore
        case 0x5B: Flags.bracket
        case 0x5C: Flags.backslash
        case 0x09: Flags.tab
        case 0x2F: Flags.slash
        default: 0
        }
    }
}

/// Where an open boneyard started; carried from line to line.
struct BoneyardState: Equatable {
    var openedAt: SourcePosition?
}

/// Computes `LineView`s line by line, tracking boneyard across lines and
/// recording boneyard spans.
struct LineViewScanner {
    /// Offset of the last `*/` in the document: a `/*` opens a boneyard only
    /// when a `*/` follows it somewhere, otherwise it is literal text.
    let lastCloser: Int
    /// `LineView.flagTable`, pinned for the scanner's lifetime by its owner.
    let flagTable: UnsafePointer<UInt8>

    /// Byte offset of the last `*/`, or -1.
    static func lastCloserOffset(_ buf: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buf.baseAddress else { return -1 }
        let raw = UnsafeRawPointer(base)
        var i = buf.count - 1
        while i > 0 {
            // Skip eight bytes at a time when none of them is `/`.
            if i >= 8 {
                let w = raw.loadUnaligned(fromByteOffset: i - 7, as: UInt64.self) ^ 0x2F2F_2F2F_2F2F_2F2F
                if (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 == 0 {
                    i -= 8
                    continue
                }
            }
            if buf[i] == 0x2F, buf[i - 1] == 0x2A { return i - 1 }
            i -= 1
        }
        return -1
    }

    /// The view of one line, and its visible bytes when a boneyard cut it.
    func view(line: Int, start: Int, length: Int, buf: UnsafeBufferPointer<UInt8>,
              state: inout BoneyardState, spans: inout [InlineSpan]) -> (LineView, [UInt8]?) {
        let end = start + length
        let flags = LineView.scanFlags(buf, start, end, table: flagTable)
        if state.openedAt == nil, flags & LineView.Flags.slash == 0 || lastCloser < start || !hasOpener(buf, start, end) {
            var i = start
            while i < end, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
            let blank: LineView.Blankness = i < end ? .content : (length >= 2 ? .soft : .hard)
            return (LineView(isStripped: false, hidden: false, blankness: blank, flags: flags), nil)
        }
        // Slow path: split into visible and boneyard parts.
        var visible: [UInt8] = []
        var i = start
        while i < end {
            if state.openedAt != nil {
                if i + 1 < end, buf[i] == 0x2A, buf[i + 1] == 0x2F {
                    let open = state.openedAt!
                    let close = SourcePosition(line: line, column: i + 2 - start)
                    spans.append(InlineSpan(kind: .boneyard, range: open..<close,
                                            content: SourcePosition(line: open.line, column: open.column + 2)..<SourcePosition(line: line, column: i - start)))
                    state.openedAt = nil
                    i += 2
                } else {
                    i += 1
                }
            } else if i + 1 < end, buf[i] == 0x2F, buf[i + 1] == 0x2A, i + 2 <= lastCloser {
                state.openedAt = SourcePosition(line: line, column: i - start)
                i += 2
            } else {
                visible.append(buf[i])
                i += 1
            }
        }
        let blank = visible.withUnsafeBufferPointer { Self.blankness($0, 0, $0.count) }
        var vflags: UInt8 = 0
        for b in visible where b < 0x60 { vflags |= LineView.flag(b) }
        return (LineView(isStripped: true, hidden: blank != .content,
                         blankness: blank == .content ? .content : .hard, flags: vflags), visible)
    }

    /// A `/*` that can open a boneyard (some `*/` follows it).
    @inline(__always)
    func hasOpener(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i + 1 < end {
            if buf[i] == 0x2F, buf[i + 1] == 0x2A, i + 2 <= lastCloser { return true }
            i += 1
        }
        return false
    }

    @inline(__always)
    static func blankness(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> LineView.Blankness {
        var i = start
        while i < end {
            let b = buf[i]
            if b != 0x20 && b != 0x09 { return .content }
            i += 1
        }
        return end - start >= 2 ? .soft : .hard
    }
}
