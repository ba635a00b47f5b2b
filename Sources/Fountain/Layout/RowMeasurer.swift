/// Measures printable blocks straight from the source bytes into a
/// `RowStream`: how many rows each block prints, which are blank, where the
/// page may break and which rows end a sentence, without building a String.
///
/// It reproduces exactly what `Paginator.lay` decides from the styled
/// `LayoutBlock` (`RowMeasurerTests` compares the two block by block). The
/// fast path covers text whose only inline markup is emphasis (markers and
/// escapes hidden, as `displayLines` hides them); a block with notes or
/// boneyard, a multi-line heading, transition or parenthetical, or a non-ASCII
/// heading or transition (upper-casing can change its length) is laid out the
/// slow way and measured from its rows.
///
/// Reads the document through unsafe buffers that `measureAll` keeps alive:
/// copying an `Element` costs several reference-count operations.
struct RowMeasurer {
    let document: FountainDocument
    let paginator: Paginator
    let notes: Bool
    private let elements: UnsafeBufferPointer<Element>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let lineTable: UnsafeBufferPointer<SourceText.Line>
    /// Printed bytes of one line (markers hidden, tabs as four spaces): `line[0..<lineCount]`.
    private let line: UnsafeMutableBufferPointer<UInt8>
    private var lineCount = 0
    /// The printed text of the current line: `line[0..<lineCount]`, or the
    /// source bytes themselves when nothing in them needs hiding or expanding.
    private var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var lineIsASCII = true
    /// Columns of the current source line hidden by emphasis markers.
    private let mask: UnsafeMutableBufferPointer<Bool>
    /// Wrapped lines of `text`: start and end offsets, `wrapped[0..<wrappedCount]`.
    private let wrapped: UnsafeMutableBufferPointer<(start: Int, end: Int)>
    private var wrappedCount = 0
    /// Rows of the block being measured, before break rules that need the count
    /// (and the left side of a dual dialogue).
    private var pending: [RowStream.Flags] = []
    /// The last row `speechRows` streamed, for the break rule of the next.
    private var previousKind: PageLine.Kind = .character
    private var previousEmpty = false
    /// Rows of the right side of a dual dialogue.
    private var right: [RowStream.Flags] = []

    /// Measures every block of `blocks` into `stream`.
    static func measureAll(_ blocks: [PrintBlock], of document: FountainDocument, paper: PaperSize, notes: Bool,
                           into stream: inout RowStream) {
        var longest = 0
        for l in document.source.lineTable where l.length > longest { longest = l.length }
        // A cue adds " ()" to its line; tabs print as four spaces.
        let line = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: (longest + 3) * 4)
        let mask = UnsafeMutableBufferPointer<Bool>.allocate(capacity: longest + 1)
        // Every wrapped line takes at least one byte.
        let wrapped = UnsafeMutableBufferPointer<(start: Int, end: Int)>.allocate(capacity: line.count + 1)
        defer {
            line.deallocate()
            mask.deallocate()
            wrapped.deallocate()
        }
        document.elements.withUnsafeBufferPointer { elements in
            document.source.bytes.withUnsafeBufferPointer { bytes in
                document.source.lineTable.withUnsafeBufferPointer { lineTable in
                    var measurer = RowMeasurer(document: document, paginator: Paginator(paper: paper), notes: notes,
                                               elements: elements, bytes: bytes, lineTable: lineTable,
                                               line: line, mask: mask, wrapped: wrapped)
                    for (index, block) in blocks.enumerated() {
                        measurer.measure(block, index: index, into: &stream)
                    }
                }
            }
        }
    }

    private init(document: FountainDocument, paginator: Paginator, notes: Bool, elements: UnsafeBufferPointer<Element>,
                 bytes: UnsafeBufferPointer<UInt8>, lineTable: UnsafeBufferPointer<SourceText.Line>,
                 line: UnsafeMutableBufferPointer<UInt8>, mask: UnsafeMutableBufferPointer<Bool>,
                 wrapped: UnsafeMutableBufferPointer<(start: Int, end: Int)>) {
        self.document = document
        self.paginator = paginator
        self.notes = notes
        self.elements = elements
        self.bytes = bytes
        self.lineTable = lineTable
        self.line = line
        self.mask = mask
        self.wrapped = wrapped
        pending.reserveCapacity(64)
        right.reserveCapacity(64)
    }

    // MARK: - Blocks

    mutating func measure(_ block: PrintBlock, index: Int, into stream: inout RowStream) {
        switch block {
        case .pageBreak:
            stream.appendPageBreak()
        case .blankLines(let count):
            stream.appendBlankLines(count, index: index)
        case .element(let e):
            if !measureElement(e, index: index, into: &stream) { fallBack(block, index: index, into: &stream) }
        case .speech(let cue, let end):
            guard isMeasurable(cue..<end) else { return fallBack(block, index: index, into: &stream) }
            stream.beginBlock(index, isTransition: false)
            speechRows(cue..<end, widths: Self.singleWidths, into: .stream, &stream)
            stream.endBlock(keepWithNext: false)
        case .dual(let left, let rightCue, let end):
            guard isMeasurable(left..<end) else { return fallBack(block, index: index, into: &stream) }
            pending.removeAll(keepingCapacity: true)
            right.removeAll(keepingCapacity: true)
            speechRows(left..<rightCue, widths: Self.dualWidths, into: .left, &stream)
            speechRows(rightCue..<end, widths: Self.dualWidths, into: .right, &stream)
            stream.beginBlock(index, isTransition: false)
            for i in 0..<max(pending.count, right.count) {
                let l: RowStream.Flags = i < pending.count ? pending[i] : .empty
                let r: RowStream.Flags = i < right.count ? right[i] : .empty
                // Blank only when both sides are; only the left line counts for sentence ends.
                var f = l.intersection(.endsSentence)
                if l.contains(.empty) && r.contains(.empty) { f.insert(.empty) }
                stream.appendRow(f)
            }
            stream.endBlock(keepWithNext: false)
        }
    }

    /// Lays the block out with its text and measures the rows.
    private func fallBack(_ block: PrintBlock, index: Int, into stream: inout RowStream) {
        guard let styled = document.layoutBlock(block, notes: notes) else { return }
        var isTransition = false
        if case .transition = styled { isTransition = true }
        stream.append(paginator.lay(styled), index: index, isTransition: isTransition)
    }

    /// Headings, transitions and paragraphs; false when the fast path cannot be sure.
    private mutating func measureElement(_ e: Int, index: Int, into stream: inout RowStream) -> Bool {
        guard isPlain(e) else { return false }
        let width = paginator.paper.actionWidth
        switch elements[e].kind {
        case .sceneHeading, .transition:
            guard elements[e].lines.count == 1 else { return false }
            visibleLine(e, elements[e].lines.lowerBound, PrintedMarkers(elements[e]), isFirst: true)
            // Upper-casing could change the length of non-ASCII text.
            guard lineIsASCII else { return false }
            wrap(width: width)
            var isTransition = false
            if case .transition = elements[e].kind { isTransition = true }
            stream.beginBlock(index, isTransition: isTransition)
            for w in wrapped[0..<wrappedCount] { stream.appendRow(endsSentence(w) ? .endsSentence : []) }
            stream.endBlock(keepWithNext: !isTransition)
            return true
        case .action, .centered, .lyrics:
            pending.removeAll(keepingCapacity: true)
            var printsSomething = false
            let markers = PrintedMarkers(elements[e])
            let first = elements[e].lines.lowerBound
            for l in lineRange(e) {
                printsSomething = visibleLine(e, l, markers, isFirst: l == first) || printsSomething
                wrap(width: width)
                for w in wrapped[0..<wrappedCount] { pending.append(w.start == w.end ? .empty : endsSentence(w) ? .endsSentence : []) }
            }
            if case .action = elements[e].kind, !printsSomething { return true }  // prints nothing: no block
            stream.beginBlock(index, isTransition: false)
            // Short blocks stay whole; longer ones keep two lines on each side of a break.
            let count = pending.count
            for i in 0..<count {
                var f = pending[i]
                if count > 3, i >= 2, i <= count - 2, !f.contains(.empty) { f.insert(.breakBefore) }
                stream.appendRow(f)
            }
            stream.endBlock(keepWithNext: false)
            return true
        default:
            return false
        }
    }

    private struct SpeechWidths {
        let character: Int, parenthetical: Int, dialogue: Int
    }

    private static let singleWidths = SpeechWidths(character: ElementColumns.characterWidth,
                                                   parenthetical: ElementColumns.parentheticalWidth,
                                                   dialogue: ElementColumns.dialogueWidth)
    private static let dualWidths = SpeechWidths(character: ElementColumns.dualCharacterWidth,
                                                 parenthetical: ElementColumns.dualParentheticalWidth,
                                                 dialogue: ElementColumns.dualDialogueWidth)

    /// Where `speechRows` puts rows: straight into the stream with the
    /// dialogue break rules, or aside for one side of a dual dialogue.
    private enum SpeechSink { case stream, left, right }

    /// The rows of one speech (cue, parentheticals, dialogue lines).
    private mutating func speechRows(_ range: Range<Int>, widths: SpeechWidths, into sink: SpeechSink,
                                     _ stream: inout RowStream) {
        previousKind = .character
        previousEmpty = false
        cueLine(range.lowerBound)
        wrap(width: widths.character)
        for w in wrapped[0..<wrappedCount] { add(endsSentence(w) ? .endsSentence : [], .character, sink, &stream) }
        for e in range.dropFirst() {
            let markers = PrintedMarkers(elements[e])
            if case .parenthetical = elements[e].kind {
                visibleLine(e, elements[e].lines.lowerBound, markers, isFirst: true)
                wrap(width: widths.parenthetical)
                for w in wrapped[0..<wrappedCount] {
                    add(endsSentence(w) ? .endsSentence : [], .parenthetical, sink, &stream)
                }
                continue
            }
            let first = elements[e].lines.lowerBound
            for l in lineRange(e) {
                visibleLine(e, l, markers, isFirst: l == first)
                wrap(width: widths.dialogue)
                for w in wrapped[0..<wrappedCount] {
                    add(w.start == w.end ? .empty : endsSentence(w) ? .endsSentence : [], .dialogue, sink, &stream)
                }
            }
        }
    }

    /// Dialogue may break between dialogue lines, or before a parenthetical
    /// that does not follow the cue (`Paginator`'s speech rule); the cue's
    /// first row is never a break.
    @inline(__always)
    private mutating func add(_ f: RowStream.Flags, _ kind: PageLine.Kind, _ sink: SpeechSink, _ stream: inout RowStream) {
        switch sink {
        case .left: pending.append(f)
        case .right: right.append(f)
        case .stream:
            var f = f
            let empty = f.contains(.empty)
            if !empty {
                let betweenDialogue = kind == .dialogue && previousKind == .dialogue && !previousEmpty
                let parentheticalStart = kind == .parenthetical && previousKind != .parenthetical
                    && previousKind != .character
                if betweenDialogue || parentheticalStart { f.formUnion([.breakBefore, .continues]) }
            }
            stream.appendRow(f)
            previousKind = kind
            previousEmpty = empty
        }
    }

    // MARK: - Printed text

    /// True when the speech's only inline markup is emphasis and each
    /// parenthetical is one line (a longer one joins its lines; the styled path does that).
    private func isMeasurable(_ range: Range<Int>) -> Bool {
        for e in range {
            guard isPlain(e) else { return false }
            if case .parenthetical = elements[e].kind, elements[e].lines.count != 1 { return false }
        }
        return true
    }

    private func isPlain(_ e: Int) -> Bool {
        elements[e].spans.allSatisfy { $0.kind != .note && $0.kind != .boneyard }
    }

    /// `FountainDocument.displayLineRange(of:)` for element `e`.
    private func lineRange(_ e: Int) -> Range<Int> {
        FountainDocument.displayLineRange(elements[e].lines, lineCount: lineTable.count)
    }

    /// The cue as printed (`FountainDocument.cueText`) into `line`, read from
    /// the cue's text bytes (no String): the parser cut the name (before the
    /// first "(", trimmed) and the extension (from it on) out of that text.
    private mutating func cueLine(_ e: Int) {
        lineCount = 0
        lineIsASCII = true
        defer { text = UnsafeBufferPointer(rebasing: line[0..<lineCount]) }
        var isCue = false
        if case .character = elements[e].kind { isCue = true }
        // The text is part of the cue's line: ASCII without tabs there means bytes print as they are.
        let plain = lineTable[elements[e].lines.lowerBound].flags & (LineFlags.nonASCII | LineFlags.tab) == 0
        let bytes = elements[e].textBytes
        bytes.withBytes { t in
            guard isCue else {
                for b in t { append(b) }
                return
            }
            var paren = 0
            while paren < t.count, t[paren] != 0x28 { paren += 1 }
            var lo = 0, hi = paren
            while lo < hi, t[lo] == 0x20 || t[lo] == 0x09 { lo += 1 }
            while hi > lo, t[hi - 1] == 0x20 || t[hi - 1] == 0x09 { hi -= 1 }
            if plain {
                copy(t, lo..<hi)
                if paren < t.count {
                    append(0x20)
                    copy(t, paren..<t.count)
                }
                return
            }
            for k in lo..<hi { append(t[k]) }
            if paren < t.count {
                append(0x20)
                for k in paren..<t.count { append(t[k]) }
            }
        }
    }

    /// Appends `t[range]`, which holds no tab, line break or non-ASCII byte.
    @inline(__always)
    private mutating func copy(_ t: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        (line.baseAddress! + lineCount).update(from: t.baseAddress! + range.lowerBound, count: range.count)
        lineCount += range.count
    }

    /// Source line `l` of element `e` as printed (`displayLines`, then
    /// `WordWrap`'s clean-up) into `line`; true when anything prints.
    @discardableResult
    private mutating func visibleLine(_ e: Int, _ l: Int, _ markers: PrintedMarkers, isFirst: Bool) -> Bool {
        lineCount = 0
        lineIsASCII = true
        let t = lineTable[l]
        let range = elements[e].range
        var lo = l == range.lowerBound.line ? min(range.lowerBound.column, t.length) : 0
        var hi = l == range.upperBound.line ? min(range.upperBound.column, t.length) : t.length
        if hi < lo { hi = lo }
        let source = UnsafeBufferPointer(rebasing: bytes[t.start..<(t.start + t.length)])
        markers.trim(source, isFirst: isFirst, &lo, &hi)
        let masked = markHidden(e, line: l, count: t.length)
        // ASCII with no escape or tab (the line table says so): a byte prints unless a marker hides it.
        if t.flags & (LineFlags.nonASCII | LineFlags.tab | LineFlags.backslash) == 0 {
            guard masked else {
                // Nothing to hide: wrap the source bytes where they are.
                text = UnsafeBufferPointer(rebasing: source[lo..<hi])
                return hi > lo
            }
            var n = 0
            for k in lo..<hi {
                line[n] = source[k]
                n &+= mask[k] ? 0 : 1
            }
            lineCount = n
            text = UnsafeBufferPointer(rebasing: line[0..<n])
            return n > 0
        }
        var k = lo
        while k < hi {
            let b = source[k]
            let escape = b == 0x5C && k + 1 < hi && (source[k + 1] == 0x2A || source[k + 1] == 0x5F)
            if !escape && !(masked && mask[k]) { append(b) }
            k += 1
        }
        text = UnsafeBufferPointer(rebasing: line[0..<lineCount])
        return lineCount > 0  // a line holds no line breaks, so every visible byte was kept
    }

    /// `WordWrap`'s input clean-up: a tab is four spaces, line breaks vanish.
    @inline(__always)
    private mutating func append(_ b: UInt8) {
        switch b {
        case 0x09:
            line[lineCount] = 0x20; line[lineCount + 1] = 0x20; line[lineCount + 2] = 0x20; line[lineCount + 3] = 0x20
            lineCount += 4
        case 0x0A, 0x0D:
            break
        default:
            if b >= 0x80 { lineIsASCII = false }
            line[lineCount] = b
            lineCount += 1
        }
    }

    /// Marks in `mask` the columns of line `l` that emphasis markers take (in
    /// a span's range, outside its content); false when element `e` has none there.
    private func markHidden(_ e: Int, line l: Int, count: Int) -> Bool {
        var any = false
        for span in elements[e].spans where span.range.lowerBound.line <= l && span.range.upperBound.line >= l {
            if !any {
                mask.baseAddress!.update(repeating: false, count: count)
                any = true
            }
            let (a, b) = columns(span.range, on: l, count: count)
            let (ca, cb) = columns(span.content, on: l, count: count)
            var k = a
            while k < b {
                if k < ca || k >= cb { mask[k] = true }
                k += 1
            }
        }
        return any
    }

    /// The columns of `range` on line `l`, clamped to the line.
    private func columns(_ range: Range<SourcePosition>, on l: Int, count: Int) -> (Int, Int) {
        if range.lowerBound.line > l || range.upperBound.line < l { return (0, 0) }
        let a = range.lowerBound.line < l ? 0 : min(range.lowerBound.column, count)
        let b = range.upperBound.line > l ? count : min(range.upperBound.column, count)
        return (a, max(a, b))
    }

    // MARK: - Wrapping

    /// `WordWrap.wrap` on `text`, keeping only where each line starts and ends.
    private mutating func wrap(width: Int) {
        var n = text.count
        while n > 0 && text[n - 1] == 0x20 { n -= 1 }  // trailing spaces never print
        if n == 0 {
            wrapped[0] = (0, 0)
            wrappedCount = 1
            return
        }
        var count = 0
        let wrapped = self.wrapped
        WordWrap.breakLines(UnsafeBufferPointer(rebasing: text[0..<n]), width: width, isASCII: lineIsASCII) {
            wrapped[count] = ($0, $1)
            count += 1
        }
        wrappedCount = count
    }

    /// Whether a wrapped line ends in sentence punctuation (`Paginator.endsSentence`).
    private func endsSentence(_ w: (start: Int, end: Int)) -> Bool {
        guard w.end > w.start else { return false }
        let line = text
        let last = line[w.end - 1]
        if last < 0x80 { return Paginator.isSentenceEnd(Unicode.Scalar(last)) }
        // … (E2 80 A6) and ” (E2 80 9D) are the non-ASCII sentence ends.
        guard w.end - w.start >= 3, line[w.end - 3] == 0xE2, line[w.end - 2] == 0x80 else { return false }
        return last == 0xA6 || last == 0x9D
    }
}
