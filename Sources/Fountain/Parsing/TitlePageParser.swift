/// Reads the title page: `Key: value` lines at the very top of the file up
/// to the first blank line; values continue on indented lines.
enum TitlePageParser {
    /// The entries and the first line after the title page (0 when there is none).
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ table: [SourceText.Line]) -> ([TitlePageEntry], Int) {
        guard let first = table.first, let colon = keyEnd(buf, first.start, first.start + first.length) else { return ([], 0) }
        // `CUT TO:` alone is a transition, not a key: the first key needs a
        // value on its line or indented lines under it.
        let (vlo, vhi) = ByteRules.trim(buf, colon + 1, first.start + first.length)
        if vlo == vhi {
            guard table.count > 1, table[1].length > 0, ByteRules.isSpace(buf[table[1].start]),
                  LineViewScanner.blankness(buf, table[1].start, table[1].start + table[1].length) == .content
            else { return ([], 0) }
        }
        var entries: [TitlePageEntry] = []
        var i = 0
        var valueLines: [String] = []
        func flush(_ end: Int) {
            guard !entries.isEmpty else { return }
            entries[entries.count - 1].value = valueLines.joined(separator: "\n")
            entries[entries.count - 1].lines = entries[entries.count - 1].lines.lowerBound..<end
        }
        while i < table.count {
            let l = table[i]
            let lo0 = l.start, hi0 = l.start + l.length
            if LineViewScanner.blankness(buf, lo0, hi0) != .content { break }
            let indented = ByteRules.isSpace(buf[lo0])
            if !indented, let colon = keyEnd(buf, lo0, hi0) {
                flush(i)
                let key = String(decoding: UnsafeBufferPointer(rebasing: buf[lo0..<colon]), as: UTF8.self)
                entries.append(TitlePageEntry(key: key, value: "", lines: i..<(i + 1)))
                let (vlo, vhi) = ByteRules.trim(buf, colon + 1, hi0)
                valueLines = vlo < vhi ? [String(decoding: UnsafeBufferPointer(rebasing: buf[vlo..<vhi]), as: UTF8.self)] : []
            } else {
                let (vlo, vhi) = ByteRules.trim(buf, lo0, hi0)
                valueLines.append(String(decoding: UnsafeBufferPointer(rebasing: buf[vlo..<vhi]), as: UTF8.self))
            }
            i += 1
        }
        flush(i)
        return (entries, i)
    }

    /// Offset of the `:` ending a key, when the line starts with a key:
    /// a letter first, no `:` before, not a scene heading.
    static func keyEnd(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int? {
        guard lo < hi else { return nil }
        let c = b[lo]
        guard ByteRules.isUpperASCII(c) || ByteRules.isLowerASCII(c) || c >= 0x80 else { return nil }
        guard let colon = ByteRules.contains(b, lo, hi, 0x3A), colon > lo else { return nil }
        if ByteRules.isSceneHeading(b, lo, hi) { return nil }
        return colon
    }
}
