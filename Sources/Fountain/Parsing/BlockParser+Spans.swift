extension BlockParser {
    /// Fills `spans` of `elements[from...]`: emphasis per line, notes over
    /// the element's lines, and the boneyard spans that start inside it.
    mutating func attachSpans(from: Int) {
        var by = 0
        // Boneyard spans are in source order, as are elements.
        let firstLine = from < elements.count ? elements[from].lines.lowerBound : Int.max
        while by < boneyardSpans.count, boneyardSpans[by].range.lowerBound.line < firstLine { by += 1 }
        for e in from..<elements.count {
            let lines = elements[e].lines
            var spans: [InlineSpan] = []
            if elements[e].kind != .boneyard {
                var masked: [(Int, [UInt8])] = []
                var anyBracket = false
                for l in lines {
                    let v = view(l)
                    if v.hidden { continue }
                    if v.flags & LineView.Flags.bracket != 0 { anyBracket = true }
                    if v.isStripped {
                        masked.append((l, maskedLine(l)))
                        anyBracket = true
                    } else if v.flags & LineView.Flags.emphasis != 0 {
                        let t = table[l]
                        inline.emphasis(buf, t.start, t.start + t.length, line: l, into: &spans)
                    }
                }
                for (l, bytes) in masked {
                    bytes.withUnsafeBufferPointer { inline.emphasis($0, 0, $0.count, line: l, into: &spans) }
                }
                if anyBracket, hasNoteOpener(lines) {
                    var rows: [(line: Int, bytes: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int)] = []
                    for l in lines where !view(l).hidden && !view(l).isStripped {
                        rows.append((l, buf, table[l].start, table[l].start + table[l].length))
                    }
                    InlineScanner.notes(rows, into: &spans)
                }
            }
            while by < boneyardSpans.count, boneyardSpans[by].range.lowerBound.line < lines.upperBound {
                spans.append(boneyardSpans[by])
                by += 1
            }
            if !spans.isEmpty {
                spans.sort { $0.range.lowerBound < $1.range.lowerBound }
                elements[e].spans = spans
            }
        }
    }

    private mutating func hasNoteOpener(_ lines: Range<Int>) -> Bool {
        for l in lines {
            let t = table[l]
            var k = t.start
            let end = t.start + t.length
            while k + 1 < end {
                if buf[k] == 0x5B, buf[k + 1] == 0x5B { return true }
                k += 1
            }
        }
        return false
    }

    /// The source line with boneyard bytes replaced by spaces, so columns
    /// still match the source.
    private func maskedLine(_ l: Int) -> [UInt8] {
        let t = table[l]
        var out = Array(UnsafeBufferPointer(rebasing: buf[t.start..<(t.start + t.length)]))
        for s in boneyardSpans where s.range.lowerBound.line <= l && s.range.upperBound.line >= l {
            let from = s.range.lowerBound.line == l ? s.range.lowerBound.column : 0
            let to = s.range.upperBound.line == l ? s.range.upperBound.column : out.count
            if from < to { for k in from..<min(to, out.count) { out[k] = 0x20 } }
        }
        return out
    }
}
