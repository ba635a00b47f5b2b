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
            let hasBoneyard = by < boneyardSpans.count && boneyardSpans[by].range.lowerBound.line < lines.upperBound
            var isBoneyard = false
            if case .boneyard = elements[e].kind { isBoneyard = true }
            if !hasBoneyard {
                // Most elements have nothing inline: decide from the line flags alone.
                var flags: UInt8 = 0
                for l in lines { flags |= view(l).flags }
                if flags & (LineFlags.emphasis | LineFlags.bracket) == 0 { continue }
            }
            var spans = spanScratch
            spanScratch = []
            spans.removeAll(keepingCapacity: true)
            if !isBoneyard {
                var masked: [(Int, [UInt8])] = []
                var anyBracket = false
                for l in lines {
                    let v = view(l)
                    if v.hidden { continue }
                    if v.flags & LineFlags.bracket != 0 { anyBracket = true }
                    if v.isStripped {
                        masked.append((l, maskedLine(l)))
                        anyBracket = true
                    } else if v.flags & LineFlags.emphasis != 0 {
                        let t = table[l]
                        inline.emphasis(buf, t.start, t.start + t.length, line: l, into: &spans)
                    }
                }
                for (l, bytes) in masked {
                    bytes.withUnsafeBufferPointer { inline.emphasis($0, 0, $0.count, line: l, into: &spans) }
                }
                if anyBracket, hasNoteOpener(lines) {
                    noteSpans(lines, masked: masked, into: &spans)
                }
            }
            while by < boneyardSpans.count, boneyardSpans[by].range.lowerBound.line < lines.upperBound {
                spans.append(boneyardSpans[by])
                by += 1
            }
            if !spans.isEmpty {
                if spans.count > 1 { spans.sort { $0.range.lowerBound < $1.range.lowerBound } }
                elements[e].spans = Array(spans)  // exact-size copy; the scratch is reused
            }
            spanScratch = spans
        }
    }

    /// Notes over the element's lines; lines a boneyard cut are read with
    /// the boneyard blanked out.
    private mutating func noteSpans(_ lines: Range<Int>, masked: [(Int, [UInt8])], into spans: inout [InlineSpan]) {
        if masked.isEmpty {
            var rows: [(line: Int, bytes: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int)] = []
            for l in lines where !view(l).hidden {
                rows.append((l, buf, table[l].start, table[l].start + table[l].length))
            }
            InlineScanner.notes(rows, into: &spans)
            return
        }
        // Rare: copy every line (masked where cut) into one buffer.
        var combined: [UInt8] = []
        var offsets: [(Int, Int, Int)] = []
        var next = 0  // `masked` is in line order
        for l in lines where !view(l).hidden {
            let start = combined.count
            if next < masked.count, masked[next].0 == l {
                combined += masked[next].1
                next += 1
            } else {
                combined += UnsafeBufferPointer(rebasing: buf[table[l].start..<(table[l].start + table[l].length)])
            }
            offsets.append((l, start, combined.count))
        }
        combined.withUnsafeBufferPointer { cb in
            let rows = offsets.map { (line: $0.0, bytes: cb, lo: $0.1, hi: $0.2) }
            InlineScanner.notes(rows, into: &spans)
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
        // Spans are sorted and disjoint: find the first that reaches line l.
        var lo = 0, hi = boneyardSpans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if boneyardSpans[mid].range.upperBound.line < l { lo = mid + 1 } else { hi = mid }
        }
        for s in boneyardSpans[lo...] {
            if s.range.lowerBound.line > l { break }
            let from = s.range.lowerBound.line == l ? s.range.lowerBound.column : 0
            let to = s.range.upperBound.line == l ? s.range.upperBound.column : out.count
            if from < to { for k in from..<min(to, out.count) { out[k] = 0x20 } }
        }
        return out
    }
}
