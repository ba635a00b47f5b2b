/// Re-parses a document after a line edit, touching only the paragraphs the
/// edit can change.
///
/// The region starts at the paragraph before the edit that ends in a hard
/// blank line (nothing in the parser looks across a hard blank line except
/// boneyard, dual pairing and the title page, handled below). Parsing then
/// runs past the edit until it reaches a paragraph start that follows a hard
/// blank line in the unchanged tail and where the old parse also had a
/// paragraph start; from there the old elements are reused, shifted.
/// Boneyard: a `/*` opens only when some `*/` follows, so when the edit moves
/// the last `*/` of the file the whole body is re-parsed.
enum IncrementalParser {
    static func apply(to doc: inout FountainDocument, lines range: Range<Int>, newLines: [[UInt8]]) {
        if editsBoneyardInterior(doc, lines: range, newLines: newLines) {
            // The line stays hidden and nothing else changes: no element does.
            let oldCloser = doc.lastCloser
            let edit = doc.source.replaceLines(range, with: newLines)
            if let closer = closerAfterEdit(doc.source.bytes, old: oldCloser, edit: edit.old, inserted: edit.newCount) {
                doc.lastCloser = closer
            } else {
                full(&doc)
            }
            return
        }
        let a = range.lowerBound, b = range.upperBound
        let oldLineCount = doc.source.lineCount
        let oldCloser = doc.lastCloser
        let regionStart = startOfRegion(doc, editStart: a)
        let edit = doc.source.replaceLines(range, with: newLines)
        let m = doc.source.lineCount - oldLineCount + (b - a)
        let lineDelta = m - (b - a)

        guard let (startLine, startElement) = regionStart,
              let newCloser = closerAfterEdit(doc.source.bytes, old: oldCloser, edit: edit.old, inserted: edit.newCount)
        else {
            full(&doc)
            return
        }
        doc.lastCloser = newCloser
        let editEnd = a + m  // first unchanged line, new numbering

        // The paragraph before the region, for dual pairing.
        let ctx = contextStart(doc.elements, before: startElement)

        var reuseFrom = doc.elements.count
        let parsed: [Element] = doc.source.bytes.withUnsafeBufferPointer { buf in
            let old = doc.elements
            let context = old[ctx..<startElement]
            // Texts are copied: pointing into the source would make the next edit copy it all.
            var parser = BlockParser(buf: buf, sharedSource: nil, table: doc.source.lineTable, lastCloser: newCloser,
                                     start: startLine, context: context, expectedLines: 64)
            _ = parser.run(from: startLine) { line in
                guard line > startLine, line - 1 >= editEnd else { return false }
                guard isHardBlankLine(line - 1) else { return false }
                let oldLine = line - lineDelta
                guard let j = firstElement(old, startingAt: oldLine, from: startElement) else { return false }
                if j > 0, old[j - 1].lines.upperBound >= oldLine { return false }
                reuseFrom = j
                return true
            }
            parser.finishTexts()
            parser.attachSpans(from: parser.contextCount)
            return Array(parser.elements[parser.contextCount...])
            func isHardBlankLine(_ l: Int) -> Bool {
                let t = doc.source.lineTable[l]
                return t.length == 0 || (t.length == 1 && ByteRules.isSpace(buf[t.start]))
            }
        }
        doc.elements.replaceSubrange(startElement..<reuseFrom, with: parsed)
        let firstReused = startElement + parsed.count
        if lineDelta != 0, firstReused < doc.elements.count {
            doc.elements.withUnsafeMutableBufferPointer { els in
                for k in firstReused..<els.count { shift(&els[k], by: lineDelta) }
            }
        }
        if firstReused < doc.elements.count, case .character(_, _, true) = doc.elements[firstReused].kind {
            DualPairing.pair(&doc.elements, cueIndex: firstReused, markFrom: startElement)
        }
    }

    /// Whether the edit replaces one line strictly inside a boneyard element
    /// (not its first or last line) with one line, and neither holds `/*` or
    /// `*/`. Such a line lies wholly inside an open boneyard (a hidden line
    /// without markers can be nothing else) and stays there, so typing in a
    /// long stretch of boneyard never re-parses all of it.
    static func editsBoneyardInterior(_ doc: FountainDocument, lines range: Range<Int>, newLines: [[UInt8]]) -> Bool {
        guard range.count == 1, newLines.count == 1, let k = doc.elementIndex(containingLine: range.lowerBound),
              case .boneyard = doc.elements[k].kind else { return false }
        let lines = doc.elements[k].lines
        guard lines.lowerBound < range.lowerBound, range.lowerBound < lines.upperBound - 1 else { return false }
        return !hasBoneyardMarker(doc.source.lineBytes(range.lowerBound)) && !hasBoneyardMarker(newLines[0][...])
    }

    static func hasBoneyardMarker(_ line: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if (previous == 0x2F && byte == 0x2A) || (previous == 0x2A && byte == 0x2F) { return true }
            previous = byte
        }
        return false
    }

    static func full(_ doc: inout FountainDocument) {
        let result = FountainParser.parse(doc.source)
        doc.titlePage = result.titlePage
        doc.elements = result.elements
        doc.lastCloser = result.lastCloser
        doc.bodyStart = result.bodyStart
    }

    /// The line and element index where re-parsing starts, or nil when the
    /// edit can touch the title page (then everything is re-parsed).
    static func startOfRegion(_ doc: FountainDocument, editStart a: Int) -> (Int, Int)? {
        // Lines 0 and 1 decide whether there is a title page at all.
        guard a > doc.bodyStart, a > 1 else { return nil }
        let els = doc.elements
        // Last element ending strictly before line a.
        var lo = 0, hi = els.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if els[mid].lines.upperBound < a { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        let table = doc.source.lineTable
        let bytes = doc.source.bytes
        while k >= 0 {
            let end = els[k].lines.upperBound
            let endsParagraph = k + 1 == els.count || els[k + 1].lines.lowerBound > end
            if endsParagraph, end < a, isHardBlank(table[end], bytes) {
                // Start of that paragraph.
                var s = k
                while s > 0, els[s - 1].lines.upperBound == els[s].lines.lowerBound { s -= 1 }
                return (els[s].lines.lowerBound, s)
            }
            k -= 1
        }
        return (doc.bodyStart, 0)
    }

    static func isHardBlank(_ l: SourceText.Line, _ bytes: [UInt8]) -> Bool {
        l.length == 0 || (l.length == 1 && ByteRules.isSpace(bytes[l.start]))
    }

    /// First index of the paragraph that ends right before element `start`.
    static func contextStart(_ els: [Element], before start: Int) -> Int {
        guard start > 0 else { return 0 }
        var s = start - 1
        while s > 0, els[s - 1].lines.upperBound == els[s].lines.lowerBound { s -= 1 }
        return s
    }

    /// Index of the old element that starts at `line` (binary search), if any.
    static func firstElement(_ els: [Element], startingAt line: Int, from: Int) -> Int? {
        var lo = from, hi = els.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if els[mid].lines.lowerBound < line { lo = mid + 1 } else { hi = mid }
        }
        return lo < els.count && els[lo].lines.lowerBound == line ? lo : nil
    }

    /// The new offset of the last `*/` if the edit leaves boneyard pairing
    /// as it was (shifted), or nil when a full re-parse is needed.
    static func closerAfterEdit(_ bytes: [UInt8], old x: Int, edit: Range<Int>, inserted: Int) -> Int? {
        let delta = inserted - edit.count
        if x >= edit.upperBound { return x + delta }
        // No `*/` after the edit in the old text: a new one can only be in
        // or next to the inserted bytes.
        let lo = max(0, edit.lowerBound - 1)
        let hi = min(bytes.count, edit.lowerBound + inserted + 1)
        var k = hi - 2
        while k >= lo {
            if bytes[k] == 0x2A, bytes[k + 1] == 0x2F { break }
            k -= 1
        }
        let found = k >= lo ? k : -1
        if x >= 0, x + 2 > edit.lowerBound {
            // The old last `*/` was touched by the edit.
            return nil
        }
        return found >= 0 ? nil : x
    }

    static func shift(_ e: inout Element, by d: Int) {
        e.lines = (e.lines.lowerBound + d)..<(e.lines.upperBound + d)
        e.range = SourcePosition(line: e.range.lowerBound.line + d, column: e.range.lowerBound.column)
            ..< SourcePosition(line: e.range.upperBound.line + d, column: e.range.upperBound.column)
        if !e.spans.isEmpty {
            for k in e.spans.indices {
                let s = e.spans[k]
                e.spans[k].range = SourcePosition(line: s.range.lowerBound.line + d, column: s.range.lowerBound.column)
                    ..< SourcePosition(line: s.range.upperBound.line + d, column: s.range.upperBound.column)
                e.spans[k].content = SourcePosition(line: s.content.lowerBound.line + d, column: s.content.lowerBound.column)
                    ..< SourcePosition(line: s.content.upperBound.line + d, column: s.content.upperBound.column)
            }
        }
    }
}
