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
    /// unaffected. A lone CR directly followed by an empty LF line would
    /// read back as one CRLF, so such an ending becomes CRLF (the only case
    /// where a byte outside the replaced lines changes). Returns the byte
    /// range replaced in the old buffer and the number of bytes inserted.
    mutating func replaceLines(_ range: Range<Int>, with newLines: [[UInt8]]) -> (old: Range<Int>, newCount: Int) {
        let a = range.lowerBound, b = range.upperBound
        let n = lineTable.count
        let pref = preferredEnding
        var endings = [LineEnding](repeating: pref, count: newLines.count)
        if !newLines.isEmpty {
            endings[endings.count - 1] = b > a ? lineTable[b - 1].ending : (a == n ? .none : pref)
        }
        var prevEnding: LineEnding? = a > 0 ? lineTable[a - 1].ending : nil
        var prevChanged = false
        if a == n, !newLines.isEmpty { prevEnding = pref; prevChanged = true }
        if newLines.isEmpty, b == n, a > 0 { prevEnding = LineEnding.none; prevChanged = true }
        let oldNextIsEmptyLF = b < n && lineTable[b].length == 0 && lineTable[b].ending == .lf
        let firstIsEmptyLF = newLines.isEmpty ? oldNextIsEmptyLF : (newLines[0].isEmpty && endings[0] == .lf)
        if prevEnding == .cr, firstIsEmptyLF { prevEnding = .crlf; prevChanged = true }
        if prevChanged, prevEnding == .lf, a >= 2, lineTable[a - 1].length == 0, lineTable[a - 2].ending == .cr {
            // The empty line a-1 gains an LF right after a CR: write CRLF so they stay two lines.
            prevEnding = .crlf
        }
        for k in 0..<newLines.count where endings[k] == .cr {
            let nextEmptyLF = k + 1 < newLines.count ? (newLines[k + 1].isEmpty && endings[k + 1] == .lf) : oldNextIsEmptyLF
            if nextEmptyLF { endings[k] = .crlf }
        }

        let byteStart: Int
        if prevChanged {
            byteStart = lineTable[a - 1].start + lineTable[a - 1].length
        } else {
            byteStart = a < n ? lineTable[a].start : bytes.count
        }
        let byteEnd: Int
        if b > a {
            let l = lineTable[b - 1]
            byteEnd = l.start + l.length + l.ending.bytes.count
        } else {
            byteEnd = a < n ? lineTable[a].start : bytes.count
        }
        var inserted: [UInt8] = []
        if prevChanged, let e = prevEnding {
            inserted.append(contentsOf: e.bytes)
            lineTable[a - 1].ending = e
        }
        var newTable: [Line] = []
        newTable.reserveCapacity(newLines.count)
        for (k, text) in newLines.enumerated() {
            let flags = text.withUnsafeBufferPointer { LineFlags.of($0, 0, $0.count) }
            newTable.append(Line(start: byteStart + inserted.count, length: text.count, ending: endings[k], flags: flags))
            inserted.append(contentsOf: text)
            inserted.append(contentsOf: endings[k].bytes)
        }
        bytes.replaceSubrange(byteStart..<byteEnd, with: inserted)
        let delta = inserted.count - (byteEnd - byteStart)
        lineTable.replaceSubrange(a..<b, with: newTable)
        if delta != 0 {
            lineTable.withUnsafeMutableBufferPointer { t in
                for k in (a + newTable.count)..<t.count { t[k].start += delta }
            }
        }
        if lineTable.isEmpty {
            lineTable = [Line(start: 0, length: 0, ending: .none, flags: 0)]
        }
        return (byteStart..<byteEnd, inserted.count)
    }
}
