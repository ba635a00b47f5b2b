extension FountainDocument {
    /// Replaces source lines `range` (0-based, half-open, within
    /// `0...lineCount`) with `newLines` and re-parses only the region the
    /// edit can affect. Strings containing line breaks are split.
    ///
    /// New lines take the file's dominant line ending; the last new line
    /// keeps the ending of the last replaced line, so the bytes of every
    /// other line stay exactly as they were. Mutating in place avoids
    /// copying the buffers: keep no other copy of the document if every
    /// microsecond counts.
    public mutating func replaceLines(_ range: Range<Int>, with newLines: [String]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= source.lineCount, "line range out of bounds")
        var split: [[UInt8]] = []
        split.reserveCapacity(newLines.count)
        for s in newLines {
            var cur: [UInt8] = []
            var lastCR = false
            for b in s.utf8 {
                if b == 0x0A {
                    if !lastCR { split.append(cur); cur = [] }
                    lastCR = false
                } else if b == 0x0D {
                    split.append(cur)
                    cur = []
                    lastCR = true
                } else {
                    cur.append(b)
                    lastCR = false
                }
            }
            split.append(cur)
        }
        IncrementalParser.apply(to: &self, lines: range, newLines: split)
    }

    /// A copy with lines `range` replaced (see `replaceLines(_:with:)`).
    public func replacingLines(_ range: Range<Int>, with newLines: [String]) -> FountainDocument {
        var copy = self
        copy.replaceLines(range, with: newLines)
        return copy
    }
}
