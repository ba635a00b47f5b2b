/// Greedy word wrap of styled text at a fixed width in characters (monospace).
///
/// Breaks at spaces; a word longer than the width is cut at the width. The
/// spaces at a break are dropped; leading spaces of the first line are kept
/// (action keeps its indentation) and a tab counts as four spaces. Widths are
/// counted in grapheme clusters, which is what a Courier page shows.
enum WordWrap {
    static func wrap(_ runs: [TextRun], width: Int) -> [[TextRun]] {
        precondition(width > 0)
        var chars: [Character] = []
        var styles: [TextStyle] = []
        for run in runs {
            for ch in run.text {
                if ch == "\t" {
                    for _ in 0..<4 { chars.append(" "); styles.append(run.style) }
                } else if ch != "\n" && ch != "\r" && ch != "\r\n" {
                    chars.append(ch); styles.append(run.style)
                }
            }
        }
        // Trailing spaces never print.
        while let last = chars.last, last == " " { chars.removeLast(); styles.removeLast() }
        if chars.isEmpty { return [[]] }

        var lines: [[TextRun]] = []
        var start = 0
        let n = chars.count
        while start < n {
            var end: Int
            var next: Int
            if n - start <= width {
                end = n
                next = n
            } else {
                var space = start + width
                while space > start && chars[space] != " " { space -= 1 }
                if space > start {
                    end = space
                    next = space
                } else {
                    end = start + width
                    next = end
                }
                while end > start && chars[end - 1] == " " { end -= 1 }
                while next < n && chars[next] == " " { next += 1 }
            }
            lines.append(makeRuns(chars, styles, start..<end))
            start = next
        }
        return lines
    }

    private static func makeRuns(_ chars: [Character], _ styles: [TextStyle], _ range: Range<Int>) -> [TextRun] {
        var runs: [TextRun] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let style = styles[i]
            var text = ""
            while i < range.upperBound && styles[i] == style {
                text.append(chars[i])
                i += 1
            }
            runs.append(TextRun(text, style: style))
        }
        return runs
    }

    /// Width of a line of runs in characters.
    static func width(of runs: [TextRun]) -> Int { runs.reduce(0) { $0 + $1.text.count } }
}
