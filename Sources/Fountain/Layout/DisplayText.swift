/// A piece of an element's printed text: styled, or an inline note (which
/// FDX keeps as a ScriptNote and HTML can show, but paper does not print).
struct DisplayRun: Sendable, Hashable {
    var text: String
    var style: TextStyle
    var isNote: Bool
}

extension Array where Element == DisplayRun {
    /// The runs that print, as text runs (inline notes dropped).
    var printed: [TextRun] { separatingNotes().runs }

    /// The printed runs and, apart, the inline notes' text. Where a note is
    /// removed, the space left before it goes too when the text after it
    /// starts with a space or punctuation ("dawn [[x]]." prints "dawn.").
    func separatingNotes() -> (runs: [TextRun], notes: [String]) {
        if count == 1, !self[0].isNote {
            return (self[0].text.isEmpty ? [] : [TextRun(self[0].text, style: self[0].style)], [])
        }
        var runs: [TextRun] = []
        var notes: [String] = []
        var afterNote = false
        for run in self {
            if run.isNote {
                notes.append(run.text)
                afterNote = true
                continue
            }
            if afterNote, let first = run.text.first, first == " " || ".,;:!?)".contains(first),
               let last = runs.last, last.text.hasSuffix(" ") {
                runs[runs.count - 1].text.removeLast()
            }
            afterNote = false
            runs.append(TextRun(run.text, style: run.style))
        }
        return (runs.coalesced(), notes)
    }
}

extension FountainDocument {
    /// An element's text line by line, as it prints: forcing markers, scene
    /// number, dual caret, emphasis markers, escapes and boneyard removed;
    /// emphasis turned into styles and inline notes flagged.
    ///
    /// Reads the parser's spans over the source bytes rather than scanning the
    /// text again, so emphasis means exactly what the parser decided.
    func displayLines(of element: Element) -> [[DisplayRun]] {
        var result: [[DisplayRun]] = []
        result.reserveCapacity(element.lines.count)
        let first = element.lines.lowerBound
        let markers = PrintedMarkers(element)
        for line in displayLineRange(of: element) {
            let runs = source.lineBytes(line).withUnsafeBufferPointer { bytes in
                var lo = line == element.range.lowerBound.line ? Swift.min(element.range.lowerBound.column, bytes.count) : 0
                var hi = line == element.range.upperBound.line ? Swift.min(element.range.upperBound.column, bytes.count) : bytes.count
                if hi < lo { hi = lo }
                markers.trim(bytes, isFirst: line == first, &lo, &hi)
                return styledRuns(bytes, lo..<hi, line: line, spans: element.spans)
            }
            result.append(runs)
        }
        return result
    }

    /// The source lines `displayLines` reads: at least the first, none past the end.
    func displayLineRange(of element: Element) -> Range<Int> {
        Self.displayLineRange(element.lines, lineCount: source.lineCount)
    }

    static func displayLineRange(_ lines: Range<Int>, lineCount: Int) -> Range<Int> {
        let first = lines.lowerBound
        guard first < lineCount else { return first..<first }
        return first..<(Swift.min(Swift.max(first, lines.upperBound - 1), lineCount - 1) + 1)
    }

    /// Styles `b[range]` by the element's spans; markers, escapes and boneyard vanish.
    private func styledRuns(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int, spans: [InlineSpan]) -> [DisplayRun] {
        let here = spans.isEmpty ? spans : spans.filter { $0.range.lowerBound.line <= line && $0.range.upperBound.line >= line }
        if range.isEmpty { return [] }
        // Most lines carry no markup at all: one plain run.
        if here.isEmpty && !b[range].contains(0x5C) {
            return [DisplayRun(text: String(decoding: b[range], as: UTF8.self), style: [], isNote: false)]
        }
        var runs: [DisplayRun] = []
        var pending: [UInt8] = []
        var pendingStyle: TextStyle = []
        var pendingNote = false
        func flush() {
            if !pending.isEmpty {
                runs.append(DisplayRun(text: String(decoding: pending, as: UTF8.self), style: pendingStyle, isNote: pendingNote))
                pending.removeAll(keepingCapacity: true)
            }
        }
        var k = range.lowerBound
        while k < range.upperBound {
            let p = SourcePosition(line: line, column: k)
            var style: TextStyle = []
            var hidden = false
            var note = false
            for span in here where span.range.contains(p) {
                let inContent = span.content.contains(p)
                switch span.kind {
                case .boneyard: hidden = true
                case .note: if inContent { note = true } else { hidden = true }
                case .bold: if inContent { style.insert(.bold) } else { hidden = true }
                case .italic: if inContent { style.insert(.italic) } else { hidden = true }
                case .underline: if inContent { style.insert(.underline) } else { hidden = true }
                }
            }
            if b[k] == 0x5C, k + 1 < range.upperBound, b[k + 1] == 0x2A || b[k + 1] == 0x5F { hidden = true }
            if !hidden {
                if style != pendingStyle || note != pendingNote { flush() }
                pendingStyle = style
                pendingNote = note
                pending.append(b[k])
            }
            k += 1
        }
        flush()
        // Text left around a removed note or boneyard keeps single spacing.
        return runs
    }
}

extension Array where Element == [DisplayRun] {
    /// An element's lines as printed. With `notes` (`export --to pdf
    /// --notes`), inline notes stay in place, in italics, with `[[` where a
    /// note opens and `]]` where it closes, even when it spans lines.
    func printed(notes: Bool) -> [[TextRun]] {
        guard notes else { return map(\.printed) }
        var inNote = false
        return map { line in
            var runs: [TextRun] = []
            for run in line {
                if run.isNote != inNote { runs.append(TextRun(inNote ? "]]" : "[[", style: .italic)) }
                inNote = run.isNote
                runs.append(TextRun(run.text, style: run.isNote ? run.style.union(.italic) : run.style))
            }
            return runs.coalesced()
        }.enumerated().map { index, runs in
            // The last line closes a note still open.
            index == count - 1 && inNote ? (runs + [TextRun("]]", style: .italic)]).coalesced() : runs
        }
    }
}
