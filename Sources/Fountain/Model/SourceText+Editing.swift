extension SourceText {
    /// The ending new lines get: the one most lines use (LF when there are none).
    var preferredEnding: LineEnding {
        var lf = 0, crlf = 0, cr = 0
        for l in lineTable.prefix(64) {
            switch l.ending {
            case .lf: lf += 1
            case .crlf: crlf += 1
            case .cr: cr += 1
            case .none: break
            }
        }
        if crlf > lf && crlf >= cr { return .crlf }
        if cr > lf && cr > crlf { return .cr }
        return .lf
    }

    /// Replaces lines `range` with `newLines` (texts without endings).
    /// New lines get the document's preferred ending; the last new line
    /// keeps the ending of the last replaced line so the line after is
    /// unaffected. Returns the byte range replaced in the old buffer and the
    /// number of bytes inserted.
    mutating func replaceLines(_ range: Range<Int>, with newLines: [[UInt8]]) -> (old: Range<Int>, newCount: Int) {
        let a = range.lowerBound, b = range.upperBound
        let ending = preferredEnding
        var newTable: [Line] = []
        newTable.reserveCapacity(newLines.count)
        var inserted: [UInt8] = []
        let byteStart = a < lineTable.count ? lineTable[a].start : bytes.count
        let byteEnd: Int
        var lastEnding = ending
        if b > a {
            let l = lineTable[b - 1]
            byteEnd = l.start + l.length + l.ending.bytes.count
            lastEnding = l.ending
        } else {
            byteEnd = byteStart
        }
        if a == lineTable.count, !newLines.isEmpty {
            // Appending after the last line: it gains an ending, the new last line has none.
            lineTable[a - 1].ending = ending
            inserted.append(contentsOf: ending.bytes)
            lastEnding = .none
        }
        for (k, text) in newLines.enumerated() {
            let e = k == newLines.count - 1 ? lastEnding : ending
            newTable.append(Line(start: byteStart + inserted.count, length: text.count, ending: e))
            inserted.append(contentsOf: text)
            inserted.append(contentsOf: e.bytes)
        }
        var removedStart = byteStart
        if newLines.isEmpty, b == lineTable.count, a > 0 {
            // Deleting the last lines: the new last line loses its ending.
            let prev = lineTable[a - 1]
            removedStart = prev.start + prev.length
            lineTable[a - 1].ending = .none
        }
        bytes.replaceSubrange(removedStart..<byteEnd, with: inserted)
        let delta = inserted.count - (byteEnd - removedStart)
        lineTable.replaceSubrange(a..<b, with: newTable)
        if delta != 0 {
            lineTable.withUnsafeMutableBufferPointer { t in
                for k in (a + newTable.count)..<t.count { t[k].start += delta }
            }
        }
        if lineTable.isEmpty {
            lineTable = [Line(start: 0, length: 0, ending: .none)]
        }
        return (removedStart..<byteEnd, inserted.count)
    }
}
