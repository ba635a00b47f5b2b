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

        var lines: [[TextRun]] = []
        bytes.withUnsafeBufferPointer { text in
            breakLines(text, width: width, isASCII: false) { lines.append(makeRuns(bytes, styles, $0..<$1)) }
        }
        return lines
    }

    /// The greedy rule itself, on `text` (no trailing spaces, not empty):
    /// calls `line(start, end)` for each line's byte range. `isASCII` says
    /// every byte is a column; otherwise columns are counted per scalar.
    @inline(__always)
    static func breakLines(_ text: UnsafeBufferPointer<UInt8>, width: Int, isASCII: Bool, _ line: (Int, Int) -> Void) {
        let n = text.count
        var start = 0
        while start < n {
            // Walk `width` columns; `limit` is the byte just past them.
            var limit: Int
            if isASCII {
                limit = Swift.min(n, start + width)
            } else {
                limit = start
                var columns = 0
                while limit < n && columns < width {
                    limit += 1
                    while limit < n && text[limit] & 0xC0 == 0x80 { limit += 1 }
                    columns += 1
                }
            }
            var end = n, next = n
            if limit < n {
                var space = limit
                while space > start && text[space] != 0x20 { space -= 1 }
                end = space > start ? space : limit
                next = end
                while end > start && text[end - 1] == 0x20 { end -= 1 }
                while next < n && text[next] == 0x20 { next += 1 }
            }
            line(start, end)
            start = next
        }
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
