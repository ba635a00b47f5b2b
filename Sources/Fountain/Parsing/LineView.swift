/// One source line as the block parser sees it: its visible bytes (boneyard
/// removed) and whether it is content, blank or entirely boneyard.
struct LineView {
    enum Blankness: UInt8 {
        /// Has visible non-whitespace text.
        case content
        /// Empty or a single whitespace character: separates paragraphs.
        case hard
        /// Two or more spaces/tabs only: continues dialogue and notes, else a blank.
        case soft
    }

    /// Byte range of the visible text in the source buffer (when `stripped` is nil).
    var start: Int
    var end: Int
    /// The visible bytes when a boneyard removed part of the line.
    var stripped: [UInt8]?
    /// Only boneyard (and whitespace): transparent to classification.
    var hidden: Bool
    var blankness: Blankness
    /// Column (UTF-8) of the line start in the source buffer, to map positions.
    var lineStart: Int
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
        var i = buf.count - 1
        while i > 0 {
            if buf[i] == 0x2F, buf[i - 1] == 0x2A { return i - 1 }
            i -= 1
        }
        return -1
    }

    func view(line: Int, start: Int, length: Int, buf: UnsafeBufferPointer<UInt8>,
              state: inout BoneyardState, spans: inout [InlineSpan]) -> LineView {
        let end = start + length
        if state.openedAt == nil {
            // Fast path: no `/*` that can open.
            var i = start
            var hasOpener = false
            while i + 1 < end {
                if buf[i] == 0x2F, buf[i + 1] == 0x2A, i + 2 <= lastCloser { hasOpener = true; break }
                i += 1
            }
            if !hasOpener {
                return LineView(start: start, end: end, stripped: nil, hidden: false,
                                blankness: Self.blankness(buf, start, end), lineStart: start)
            }
        }
        // Slow path: split into visible and boneyard parts.
        var visible: [UInt8] = []
        var i = start
        var touched = state.openedAt != nil
        while i < end {
            if state.openedAt != nil {
                touched = true
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
                touched = true
                i += 2
            } else {
                visible.append(buf[i])
                i += 1
            }
        }
        if !touched {
            return LineView(start: start, end: end, stripped: nil, hidden: false,
                            blankness: Self.blankness(buf, start, end), lineStart: start)
        }
        let blank = visible.withUnsafeBufferPointer { Self.blankness($0, 0, $0.count) }
        return LineView(start: 0, end: visible.count, stripped: visible, hidden: blank != .content,
                        blankness: blank == .content ? .content : .hard, lineStart: start)
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
