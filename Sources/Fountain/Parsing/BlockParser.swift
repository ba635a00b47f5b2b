/// Turns the body of a screenplay (everything after the title page) into
/// elements, paragraph by paragraph. A paragraph is a run of lines between
/// blank lines; it can be resumed at any paragraph start, which is what
/// incremental re-parsing relies on.
struct BlockParser {
    let buf: UnsafeBufferPointer<UInt8>
    let table: [SourceText.Line]
    let scanner: LineViewScanner
    /// Lines before `directEnd` (from the first parsed one) hold no boneyard
    /// opener and none is open: their view is their line-table entry. From the
    /// first line that can open a boneyard on, views are computed in order
    /// (boneyard state runs from line to line) into `views`, from `viewBase`.
    var directEnd: Int
    /// Lines the caller expects to parse (all of them in a full parse).
    let expectedLines: Int
    var sequential = false
    var views: [LineView] = []
    var viewBase: Int
    /// Visible bytes of the lines a boneyard cut, by line.
    var strippedBytes: [Int: [UInt8]] = [:]
    var boneyard = BoneyardState()
    /// Boneyard spans found so far, in source order.
    var boneyardSpans: [InlineSpan] = []
    /// Output; may start with elements kept from a previous parse.
    var elements: [Element]
    /// The source array when texts that are runs of it may point into it (a
    /// full parse); nil copies every text (an incremental parse: the editor
    /// changes the source in place on the next edit).
    let sharedSource: [UInt8]?
    /// Texts that are not runs of the source, in element order; handed to
    /// their elements (`pendingTexts`) by `finishTexts` once it stops growing.
    var textBuffer: [UInt8] = []
    var pendingTexts: [Int] = []
    /// The last element's text is a run of `sharedSource` (so a next line may extend it).
    var lastTextInSource = false
    /// Reused buffer for collecting an element's spans.
    var spanScratch: [InlineSpan] = []
    /// Reused opener stacks for emphasis scanning.
    var inline = InlineScanner()

    /// `context` is the paragraph before `start` (for dual dialogue
    /// pairing); it is kept at the front of `elements` and never modified.
    init(buf: UnsafeBufferPointer<UInt8>, sharedSource: [UInt8]?, table: [SourceText.Line], lastCloser: Int, start: Int,
         context: ArraySlice<Element> = [], expectedLines: Int) {
        self.buf = buf
        self.sharedSource = sharedSource
        self.table = table
        self.scanner = LineViewScanner(lastCloser: lastCloser)
        self.directEnd = start
        self.expectedLines = expectedLines
        self.viewBase = start
        self.elements = Array(context)
        self.contextCount = context.count
        // Scripts run to about two elements per three lines (a feature: 0.67); growing
        // the array copies every element and faults its pages in again.
        elements.reserveCapacity(context.count + max(16, expectedLines * 3 / 4))
    }

    /// Elements at the front of `elements` that came from an earlier parse.
    let contextCount: Int

    var lineCount: Int { table.count }

    @inline(__always)
    mutating func view(_ line: Int) -> LineView {
        if line < directEnd { return LineView(table[line]) }
        let k = line - viewBase
        if k < views.count { return views[k] }
        return laterView(line)
    }

    /// Views at or past `directEnd`: moves `directEnd` on while no line can
    /// open a boneyard, then computes views in order.
    @inline(never)
    mutating func laterView(_ line: Int) -> LineView {
        if !sequential {
            while directEnd <= line {
                if scanner.canOpen(table[directEnd], buf) {
                    sequential = true
                    viewBase = directEnd
                    break
                }
                directEnd += 1
            }
            if !sequential { return LineView(table[line]) }
        }
        // Ahead in one go, as many as the caller expects (all of them in a full parse), so
        // later calls find their view in `views` without a call.
        let end = min(table.count, max(line + 1, viewBase + views.count + expectedLines))
        if views.isEmpty { views.reserveCapacity(end - viewBase) }
        while viewBase + views.count < end {
            let l = viewBase + views.count
            let t = table[l]
            if boneyard.openedAt == nil, !scanner.canOpen(t, buf) {
                views.append(LineView(t))
                continue
            }
            let (v, stripped) = scanner.view(line: l, t, buf: buf, state: &boneyard, spans: &boneyardSpans)
            views.append(v)
            if let stripped { strippedBytes[l] = stripped }
        }
        return views[line - viewBase]
    }

    @inline(__always)
    mutating func withBytes<R>(_ line: Int, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> R) -> R {
        let v = view(line)
        if v.isStripped, let s = strippedBytes[line] {
            return s.withUnsafeBufferPointer { body($0, 0, $0.count) }
        }
        let t = table[line]
        return body(buf, t.start, t.start + t.length)
    }

    /// Parses paragraphs from `start` (a paragraph start or gap line) until
    /// the end, or until `stop` accepts a paragraph start. Returns the line
    /// where it stopped.
    mutating func run(from start: Int, stop: (Int) -> Bool) -> Int {
        var i = start
        let n = lineCount
        while i < n {
            let v = view(i)
            if !v.hidden && v.blankness != .content { i += 1; continue }
            if stop(i) { return i }
            i = paragraph(at: i)
        }
        return n
    }

    // MARK: Paragraphs

    mutating func isGap(_ line: Int) -> Bool {
        let v = view(line)
        return !v.hidden && v.blankness != .content
    }

    /// First line at or after `line` that is not hidden (boneyard only).
    mutating func skipHidden(_ line: Int) -> Int {
        var j = line
        while j < lineCount, view(j).hidden { j += 1 }
        return j
    }

    /// True when the next non-hidden line after `line` is blank or absent.
    mutating func nextIsGap(_ line: Int) -> Bool {
        let j = skipHidden(line + 1)
        return j >= lineCount || isGap(j)
    }

    mutating func paragraph(at p: Int) -> Int {
        var i = p
        let h = skipHidden(i)
        if h > i {
            emit(.boneyard, text: .empty, lines: i..<h, start: 0, endLine: h - 1)
            if h >= lineCount || isGap(h) { return h }
            i = h
        }
        var atStart = true
        while i < lineCount {
            let v = view(i)
            if v.hidden {
                let e = skipHidden(i)
                extendLast(to: e)
                i = e
                continue
            }
            if v.blankness != .content { return i }
            i = element(at: i, atStart: atStart)
            atStart = false
        }
        return i
    }

    /// Classifies the line at `i` and consumes it (and what belongs to it).
    mutating func element(at i: Int, atStart: Bool) -> Int {
        enum Shape {
            case pageBreak, synopsis, section(Int), lyrics, centered, forcedTransition, forcedAction
            case forcedHeading, forcedCue, note, heading, transition, cue, action
        }
        let shape: Shape = withBytes(i) { b, lo0, hi0 in
            let (lo, hi) = ByteRules.trim(b, lo0, hi0)
            let c = b[lo]
            if ByteRules.isPageBreak(b, lo, hi) { return .pageBreak }
            switch c {
            case 0x3D: return .synopsis
            case 0x23:
                var d = 0
                while lo + d < hi, b[lo + d] == 0x23 { d += 1 }
                return .section(d)
            case 0x7E: return .lyrics
            case 0x3E: return b[hi - 1] == 0x3C && hi - lo >= 2 ? .centered : .forcedTransition
            case 0x21: return .forcedAction
            case 0x2E:
                if lo + 1 < hi {
                    let d = b[lo + 1]
                    if ByteRules.isUpperASCII(d) || ByteRules.isLowerASCII(d) || ByteRules.isDigit(d) || d >= 0x80 {
                        return .forcedHeading
                    }
                }
                return .action
            case 0x40 where atStart: return .forcedCue
            case 0x5B where atStart && lo + 1 < hi && b[lo + 1] == 0x5B: return .note
            default: break
            }
            guard atStart else { return .action }
            if ByteRules.isSceneHeading(b, lo, hi) { return .heading }
            // Trailing spaces disqualify transitions and cues.
            let trailingSpace = hi0 > lo0 && ByteRules.isSpace(b[hi0 - 1])
            if trailingSpace { return .action }
            if ByteRules.endsWith(b, lo, hi, "TO:"), ByteRules.isUpperCaseName(b, lo, hi) { return .transition }
            // A lower-case ASCII letter before any "(" rules out a cue (`isUpperCaseName` would
            // say so); most action lines leave here after a byte or two instead of a whole-line scan.
            var nameEnd = lo
            while nameEnd < hi, b[nameEnd] != 0x28 {
                if ByteRules.isLowerASCII(b[nameEnd]) { return .action }
                nameEnd += 1
            }
            if nameEnd == hi, b[hi - 1] == 0x5E { nameEnd = hi - 1 }
            if nameEnd > lo, ByteRules.isUpperCaseName(b, lo, nameEnd) { return .cue }
            return .action
        }
        switch shape {
        case .pageBreak:
            return single(.pageBreak, i, strip: Int.max / 2, forced: false)
        case .synopsis:
            return single(.synopsis, i, strip: 1, forced: true)
        case .section(let d):
            return single(.section(depth: d), i, strip: d, forced: true)
        case .lyrics:
            return lyrics(at: i)
        case .centered:
            return centered(at: i)
        case .forcedTransition:
            return single(.transition, i, strip: 1, forced: true)
        case .forcedAction:
            return action(at: i, forced: true)
        case .forcedHeading:
            return heading(at: i, forced: true)
        case .forcedCue:
            return dialogueBlock(at: i, forced: true)
        case .note:
            if let end = standaloneNote(at: i) { return end }
            return action(at: i, forced: false)
        case .heading:
            return nextIsGap(i) ? heading(at: i, forced: false) : action(at: i, forced: false)
        case .transition:
            return nextIsGap(i) ? single(.transition, i, strip: 0, forced: false) : dialogueBlockOrAction(at: i)
        case .cue:
            return dialogueBlockOrAction(at: i)
        case .action:
            return action(at: i, forced: false)
        }
    }

    mutating func dialogueBlockOrAction(at i: Int) -> Int {
        nextIsGap(i) ? action(at: i, forced: false) : dialogueBlock(at: i, forced: false)
    }

    // MARK: Element builders

    /// Trimmed visible text of a line minus `strip` leading marker bytes.
    mutating func trimmedText(_ i: Int, strip: Int) -> (text: TextRef, start: Int, end: Int) {
        let r: (Int, Int, Int, Int) = withBytes(i) { b, lo0, hi0 in
            var (lo, hi) = ByteRules.trim(b, lo0, hi0)
            let start = lo - lo0
            let end = hi - lo0
            lo = min(hi, lo + strip)
            (lo, hi) = ByteRules.trim(b, lo, hi)
            return (lo, hi, start, end)
        }
        return (text(i, r.0, r.1), r.2, r.3)
    }

    /// Maps a visible column to a source column (they differ only on lines a boneyard cut).
    mutating func sourceColumn(_ i: Int, visible col: Int) -> Int {
        let v = view(i)
        guard v.isStripped else { return col }
        // Lines cut by a boneyard are rare: report the whole line.
        return col == 0 ? 0 : table[i].length
    }

    mutating func single(_ kind: ElementKind, _ i: Int, strip: Int, forced: Bool) -> Int {
        let t = trimmedText(i, strip: strip)
        emit(kind, text: t.text, lines: i..<(i + 1), start: sourceColumn(i, visible: t.start),
             endLine: i, end: sourceColumn(i, visible: t.end), forced: forced)
        return i + 1
    }

    mutating func heading(at i: Int, forced: Bool) -> Int {
        let (number, lo, hi, start, end): (String?, Int, Int, Int, Int) = withBytes(i) { b, lo0, hi0 in
            var (lo, hi) = ByteRules.trim(b, lo0, hi0)
            let start = lo - lo0, end = hi - lo0
            if forced { lo += 1 }
            var number: String?
            if let (nlo, nhi) = ByteRules.sceneNumber(b, lo, hi) {
                number = String(decoding: UnsafeBufferPointer(rebasing: b[(nlo + 1)..<(nhi - 1)]), as: UTF8.self)
                hi = nlo
            }
            (lo, hi) = ByteRules.trim(b, lo, hi)
            return (number, lo, hi, start, end)
        }
        emit(.sceneHeading(sceneNumber: number), text: text(i, lo, hi), lines: i..<(i + 1),
             start: sourceColumn(i, visible: start), endLine: i, end: sourceColumn(i, visible: end), forced: forced)
        return i + 1
    }

    mutating func centered(at i: Int) -> Int {
        let r: (Int, Int, Int, Int) = withBytes(i) { b, lo0, hi0 in
            var (lo, hi) = ByteRules.trim(b, lo0, hi0)
            let start = lo - lo0, end = hi - lo0
            (lo, hi) = ByteRules.trim(b, lo + 1, hi - 1)
            return (lo, hi, start, end)
        }
        emit(.centered, text: text(i, r.0, r.1), lines: i..<(i + 1), start: sourceColumn(i, visible: r.2),
             endLine: i, end: sourceColumn(i, visible: r.3), forced: true)
        return i + 1
    }

    /// A run of `~` lines. When a line without `~` follows in the same
    /// paragraph the whole rest of the paragraph is action (as Jouvence reads it).
    mutating func lyrics(at i: Int) -> Int {
        var j = i
        var lines: [Int] = []
        while j < lineCount {
            let v = view(j)
            if v.hidden { j += 1; continue }
            if v.blankness != .content { break }
            let isLyric = withBytes(j) { b, lo0, hi0 in
                let (lo, _) = ByteRules.trim(b, lo0, hi0)
                return b[lo] == 0x7E
            }
            if !isLyric { return action(at: i, forced: false) }
            lines.append(j)
            j += 1
        }
        var out = takeTextBuffer()
        let textStart = out.count
        for (k, l) in lines.enumerated() {
            if k > 0 { out.append(0x0A) }
            withBytes(l) { b, lo0, hi0 in
                let (lo, hi) = ByteRules.trim(b, lo0, hi0)
                let (tlo, thi) = ByteRules.trim(b, lo + 1, hi)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[tlo..<thi]))
            }
        }
        textBuffer = out
        let last = lines.last!
        let end = endColumn(last)
        emit(.lyrics, text: .copied(textStart, textBuffer.count - textStart), lines: i..<(last + 1),
             start: startColumn(i), endLine: last, end: end, forced: true)
        return last + 1
    }

    mutating func startColumn(_ i: Int) -> Int {
        let c = withBytes(i) { b, lo0, hi0 in ByteRules.trim(b, lo0, hi0).0 - lo0 }
        return sourceColumn(i, visible: c)
    }

    mutating func endColumn(_ i: Int) -> Int {
        let c = withBytes(i) { b, lo0, hi0 in ByteRules.trim(b, lo0, hi0).1 - lo0 }
        return sourceColumn(i, visible: c)
    }

    /// Action: the rest of the paragraph, leading whitespace kept, tabs as 4 spaces.
    mutating func action(at i: Int, forced: Bool) -> Int {
        // First see whether the text is a run of the source: LF endings, no
        // tab, no boneyard inside. Most action is; then nothing is copied.
        var j = i
        var last = i
        var startCol = 0
        var inSource = sharedSource != nil
        while j < lineCount {
            let v = view(j)
            if v.hidden { inSource = false; j += 1; continue }
            if v.blankness != .content { break }
            if j > i, table[j - 1].ending != .lf { inSource = false }
            if v.isStripped || v.flags & LineFlags.tab != 0 { inSource = false }
            last = j
            j += 1
        }
        if forced {
            startCol = withBytes(i) { b, lo0, hi0 in
                var lo = lo0
                while lo < hi0, ByteRules.isSpace(b[lo]) { lo += 1 }
                return lo - lo0
            }
        }
        let text: TextRef
        if inSource {
            let from = table[i].start + (forced ? min(startCol + 1, table[i].length) : 0)
            text = .source(from, table[last].start + table[last].length)
        } else {
            text = actionCopy(from: i, to: j, forced: forced)
        }
        emit(.action, text: text, lines: i..<j,
             start: sourceColumn(i, visible: startCol), endLine: last, end: table[last].length, forced: forced)
        return j
    }

    /// Action text with tabs as four spaces and boneyard left out, copied into `textBuffer`.
    mutating func actionCopy(from i: Int, to end: Int, forced: Bool) -> TextRef {
        var out = takeTextBuffer()
        defer { textBuffer = out }
        let textStart = out.count
        var first = true
        for j in i..<end {
            let v = view(j)
            if v.hidden { continue }
            if !first { out.append(0x0A) }
            let strip = first && forced
            let hasTab = v.flags & LineFlags.tab != 0
            withBytes(j) { b, lo0, hi0 in
                var lo = lo0
                if strip {
                    while lo < hi0, ByteRules.isSpace(b[lo]) { lo += 1 }
                    lo += 1
                }
                if hasTab {
                    for k in lo..<hi0 {
                        let c = b[k]
                        if c == 0x09 {
                            out.append(contentsOf: [0x20, 0x20, 0x20, 0x20])
                        } else {
                            out.append(c)
                        }
                    }
                } else if lo < hi0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[lo..<hi0]))
                }
            }
            first = false
        }
        return .copied(textStart, out.count - textStart)
    }

    /// A whole paragraph that is one note `[[…]]`, possibly over several
    /// lines (blank lines inside written as two spaces). Nil if not.
    mutating func standaloneNote(at i: Int) -> Int? {
        var j = i
        var bytes: [UInt8] = []
        while j < lineCount {
            let v = view(j)
            if v.hidden { j += 1; continue }
            if v.blankness == .hard { return nil }
            if j > i { bytes.append(0x0A) }
            withBytes(j) { b, lo0, hi0 in
                let (lo, hi) = ByteRules.trim(b, lo0, hi0)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[lo..<hi]))
            }
            let closes = bytes.count >= 4 && bytes[bytes.count - 1] == 0x5D && bytes[bytes.count - 2] == 0x5D
            j += 1
            if closes {
                guard nextIsGap(j - 1) else { return nil }
                // One note only: the first `]]` must be the last.
                var k = 2
                while k + 1 < bytes.count - 2 {
                    if bytes[k] == 0x5D, bytes[k + 1] == 0x5D { return nil }
                    k += 1
                }
                let inner = bytes[2..<(bytes.count - 2)]
                let text = trimNewlines(String(decoding: inner, as: UTF8.self))
                let textStart = textBuffer.count
                textBuffer.append(contentsOf: text.utf8)
                emit(.note, text: .copied(textStart, textBuffer.count - textStart), lines: i..<j, start: startColumn(i),
                     endLine: j - 1, end: endColumn(j - 1), forced: false)
                return j
            }
        }
        return nil
    }

    func trimNewlines(_ s: String) -> String {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "\n" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\n" { t = t.dropLast() }
        return String(t)
    }

    /// A character cue and the dialogue, parentheticals and lyrics under it,
    /// to the end of the paragraph. Two-space lines keep the block going.
    mutating func dialogueBlock(at i: Int, forced: Bool) -> Int {
        // Destructured at once: reading fields of a tuple of Strings copies it each time.
        let (name, ext, dual, textLo, textHi, cueStart, cueEnd): (String, String?, Bool, Int, Int, Int, Int) = withBytes(i) { b, lo0, hi0 in
            var (lo, hi) = ByteRules.trim(b, lo0, hi0)
            let start = lo - lo0, end = hi - lo0
            if forced { lo += 1 }
            var dual = false
            if hi > lo, b[hi - 1] == 0x5E {
                dual = true
                hi -= 1
                (lo, hi) = ByteRules.trim(b, lo, hi)
            }
            let paren = ByteRules.contains(b, lo, hi, 0x28)
            let (nlo, nhi) = ByteRules.trim(b, lo, paren ?? hi)
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[nlo..<nhi]), as: UTF8.self)
            var ext: String?
            if let p = paren { ext = String(decoding: UnsafeBufferPointer(rebasing: b[p..<hi]), as: UTF8.self) }
            return (name, ext, dual, lo, hi, start, end)
        }
        let cueIndex = elements.count
        emit(.character(name: name, extension: ext, isDual: dual), text: text(i, textLo, textHi), lines: i..<(i + 1),
             start: sourceColumn(i, visible: cueStart), endLine: i, end: sourceColumn(i, visible: cueEnd), forced: forced)
        var j = i + 1
        var dialogueOpen = false
        var lyricsOpen = false
        while j < lineCount {
            let v = view(j)
            if v.hidden {
                let e = skipHidden(j)
                extendLast(to: e)
                j = e
                continue
            }
            if v.blankness == .hard { break }
            if v.blankness == .soft {
                // Two spaces: a blank line inside the speech.
                lyricsOpen = false
                if dialogueOpen {
                    appendLine(j, text: .empty, end: table[j].length)
                } else {
                    emit(.dialogue, text: .empty, lines: j..<(j + 1), start: 0, endLine: j, end: table[j].length)
                    dialogueOpen = true
                }
                j += 1
                continue
            }
            let kind: UInt8 = withBytes(j) { b, lo0, hi0 in
                let (lo, hi) = ByteRules.trim(b, lo0, hi0)
                if b[lo] == 0x28, b[hi - 1] == 0x29 { return 1 }
                if b[lo] == 0x7E { return 2 }
                return 0
            }
            switch kind {
            case 1:
                _ = single(.parenthetical, j, strip: 0, forced: false)
                dialogueOpen = false
                lyricsOpen = false
            case 2:
                // Consecutive `~` lines form one lyrics element, as outside dialogue.
                if lyricsOpen {
                    let t = trimmedText(j, strip: 1)
                    appendLine(j, text: t.text, end: sourceColumn(j, visible: t.end))
                } else {
                    _ = single(.lyrics, j, strip: 1, forced: true)
                    lyricsOpen = true
                }
                dialogueOpen = false
                j += 1
                continue
            default:
                lyricsOpen = false
                let t = trimmedText(j, strip: 0)
                if dialogueOpen {
                    appendLine(j, text: t.text, end: sourceColumn(j, visible: t.end))
                } else {
                    emit(.dialogue, text: t.text, lines: j..<(j + 1), start: sourceColumn(j, visible: t.start),
                         endLine: j, end: sourceColumn(j, visible: t.end))
                    dialogueOpen = true
                }
            }
            j += 1
        }
        if dual { pairDual(cueIndex: cueIndex) }
        return j
    }

    // MARK: Dual dialogue

    static func isBlockBody(_ kind: ElementKind) -> Bool { DualPairing.isBlockBody(kind) }

    mutating func pairDual(cueIndex: Int) {
        DualPairing.pair(&elements, cueIndex: cueIndex, markFrom: contextCount)
    }

    // MARK: Output

    /// Where an element's text is while parsing.
    enum TextRef {
        case empty
        /// `sharedSource[from..<to]`.
        case source(Int, Int)
        /// `count` bytes of `textBuffer` from `start`.
        case copied(Int, Int)
    }

    /// Visible bytes `lo..<hi` of line `i` (as `withBytes` gives them): a run
    /// of the source when that can be shared, else a copy.
    mutating func text(_ i: Int, _ lo: Int, _ hi: Int) -> TextRef {
        if hi <= lo { return .empty }
        if sharedSource != nil, !view(i).isStripped { return .source(lo, hi) }
        var out = takeTextBuffer()
        let start = out.count
        withBytes(i) { b, _, _ in out.append(contentsOf: UnsafeBufferPointer(rebasing: b[lo..<hi])) }
        textBuffer = out
        return .copied(start, hi - lo)
    }

    /// `textBuffer`, moved out so a `withBytes` closure can append to it (it cannot touch `self`).
    mutating func takeTextBuffer() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &textBuffer)
        return out
    }

    mutating func emit(_ kind: ElementKind, text: TextRef, lines: Range<Int>, start: Int, endLine: Int,
                       end: Int? = nil, forced: Bool = false) {
        let e = end ?? table[endLine].length
        let bytes: ElementText
        lastTextInSource = false
        switch text {
        case .empty:
            bytes = ElementText(buffer: [], start: 0, count: 0)
        case let .source(from, to):
            bytes = ElementText(buffer: sharedSource!, start: from, count: to - from)
            lastTextInSource = true
        case let .copied(from, count):
            bytes = .pending(start: from, count: count)
            pendingTexts.append(elements.count)
        }
        elements.append(Element(kind: kind, textBytes: bytes, lines: lines,
                                range: SourcePosition(line: lines.lowerBound, column: start)..<SourcePosition(line: endLine, column: e),
                                isForced: forced))
    }

    /// Adds "\n" and the line's text to the last element's text: in place when
    /// both are runs of the source with one LF between them, else as a copy.
    mutating func appendLine(_ line: Int, text: TextRef, end: Int) {
        let k = elements.count - 1
        let old = elements[k].textBytes
        let oldEnd = old.startOffset + old.byteCount
        if lastTextInSource, case let .source(from, to) = text, from == oldEnd + 1, buf[oldEnd] == 0x0A {
            elements[k].textBytes.extend(by: to - oldEnd)
        } else {
            // A copied line sits at the end of the buffer; take it back so the
            // element's text can be moved there first.
            var copied: [UInt8] = []
            if case let .copied(start, count) = text {
                copied = Array(textBuffer[start..<(start + count)])
                textBuffer.removeSubrange(start...)
            }
            if pendingTexts.last != k {
                // Move the text so far to the end of the buffer, where it can grow.
                let start = textBuffer.count
                old.withBytes { textBuffer.append(contentsOf: $0) }
                elements[k].textBytes = .pending(start: start, count: old.byteCount)
                pendingTexts.append(k)
                lastTextInSource = false
            }
            let before = textBuffer.count
            textBuffer.append(0x0A)
            if case let .source(from, to) = text {
                textBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: buf[from..<to]))
            }
            textBuffer.append(contentsOf: copied)
            elements[k].textBytes.extend(by: textBuffer.count - before)
        }
        elements[k].lines = elements[k].lines.lowerBound..<(line + 1)
        elements[k].range = elements[k].range.lowerBound..<SourcePosition(line: line, column: end)
    }

    /// Hands `textBuffer` to the elements whose text is in it.
    mutating func finishTexts() {
        guard !pendingTexts.isEmpty else { return }
        let buffer = textBuffer
        for k in pendingTexts { elements[k].textBytes.attach(buffer) }
        pendingTexts = []
    }

    /// Hidden (boneyard) lines inside a paragraph belong to the element before them.
    mutating func extendLast(to line: Int) {
        let k = elements.count - 1
        guard k >= 0 else { return }
        elements[k].lines = elements[k].lines.lowerBound..<line
    }
}
