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
    /// Which interesting bytes occur in the visible part of the line (`LineFlags`), to skip passes.
    var flags: UInt8

    /// The view of a line no boneyard touches: read off its line-table entry.
    @inline(__always)
    init(_ line: SourceText.Line) {
        isStripped = false
        hidden = false
        blankness = !line.isBlank ? .content : (line.length >= 2 ? .soft : .hard)
        flags = line.flags
    }

    init(isStripped: Bool, hidden: Bool, blankness: Blankness, flags: UInt8) {
        self.isStripped = isStripped
        self.hidden = hidden
        self.blankness = blankness
        self.flags = flags
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

    /// True when line `t` can start a boneyard: it has a `/*` that some `*/` follows.
    @inline(__always)
    func canOpen(_ t: SourceText.Line, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        t.flags & LineFlags.slash != 0 && lastCloser >= t.start && hasOpener(buf, t.start, t.start + t.length)
    }

    /// The view of one line, and its visible bytes when a boneyard cut it.
    func view(line: Int, _ t: SourceText.Line, buf: UnsafeBufferPointer<UInt8>,
              state: inout BoneyardState, spans: inout [InlineSpan]) -> (LineView, [UInt8]?) {
        if state.openedAt == nil, !canOpen(t, buf) { return (LineView(t), nil) }
        let start = t.start, end = t.start + t.length
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
        let vflags = visible.withUnsafeBufferPointer { LineFlags.of($0, 0, $0.count) }
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
