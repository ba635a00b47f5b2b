/// Greedy word wrap of styled text at a fixed width in characters (monospace).
///
/// Breaks at spaces; a word longer than the width is cut at the width. The
/// spaces at a break are dropped; leading spaces of the first line are kept
/// (action keeps its indentation) and a tab counts as four spaces.
///
/// Works on UTF-8 bytes for speed and counts one column per Unicode scalar,
/// which is a Courier cell for all precomposed text (accented names included);
/// a combining mark would count as a column of its own.
enum WordWrap {
    static func wrap(_ runs: [TextRun], width: Int) -> [[TextRun]] {
        precondition(width > 0)
        // Most cues, parentheticals and short lines: one run that already fits.
        if runs.count == 1 {
            let utf8 = runs[0].text.utf8
            if utf8.count <= width, utf8.last != 0x20,
               !utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                return [utf8.isEmpty ? [] : runs]
            }
        }
        var bytes: [UInt8] = []
        var styles: [TextStyle] = []
        let total = runs.reduce(0) { $0 + $1.text.utf8.count }
        bytes.reserveCapacity(total)
        styles.reserveCapacity(total)
        for run in runs {
            for b in run.text.utf8 {
                switch b {
                case 0x09:
                    for _ in 0..<4 { bytes.append(0x20); styles.append(run.style) }
                case 0x0A, 0x0D:
                    continue
                default:
                    bytes.append(b); styles.append(run.style)
                }
            }
        }
        // Trailing spaces never print.
        while bytes.last == 0x20 { bytes.removeLast(); styles.removeLast() }
        if bytes.isEmpty { return [[]] }

        @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
        var lines: [[TextRun]] = []
        let n = bytes.count
        var start = 0
        while start < n {
            // Walk `width` scalars; `limit` is the byte just past them.
            var limit = start
            var columns = 0
            while limit < n && columns < width {
                limit += 1
                while limit < n && isContinuation(bytes[limit]) { limit += 1 }
                columns += 1
            }
            var end: Int
            var next: Int
            if limit >= n {
                end = n
                next = n
            } else {
                var space = limit
                while space > start && bytes[space] != 0x20 { space -= 1 }
                if space > start {
                    end = space
                    next = space
                } else {
                    end = limit
                    next = limit
                }
                while end > start && bytes[end - 1] == 0x20 { end -= 1 }
                while next < n && bytes[next] == 0x20 { next += 1 }
            }
            lines.append(makeRuns(bytes, styles, start..<end))
            start = next
        }
        return lines
    }

    private static func makeRuns(_ bytes: [UInt8], _ styles: [TextStyle], _ range: Range<Int>) -> [TextRun] {
        var runs: [TextRun] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let style = styles[i]
            var j = i + 1
            while j < range.upperBound && styles[j] == style { j += 1 }
            runs.append(TextRun(String(decoding: bytes[i..<j], as: UTF8.self), style: style))
            i = j
        }
        return runs
    }

    /// Width of a line of runs in columns (Unicode scalars).
    static func width(of runs: [TextRun]) -> Int { runs.reduce(0) { $0 + $1.text.unicodeScalars.count } }
}
