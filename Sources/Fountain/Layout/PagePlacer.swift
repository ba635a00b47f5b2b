/// Fills pages from a `RowStream` by the rules of reference/screenplay-layout.md
/// (see `Paginator` for the rules) and records where each printed line lands:
/// a flat buffer of `PlacedLine`s in reading order, with no text.
struct PagePlacer {
    /// One printed line: a row of the stream, or the `(MORE)` / `NAME (CONT'D)`
    /// a dialogue break adds (then `streamRow` is the row the break is before).
    struct PlacedLine {
        enum What: UInt8 { case row, more, continuedCue }
        var streamRow: Int32
        /// 0-based script page.
        var page: Int32
        /// Text line from the top margin.
        var row: Int32
        var what: What
    }

    /// How many lines a page may give up to break at a sentence end instead of mid-sentence.
    static let sentenceSlack = 3

    let linesPerPage: Int
    private(set) var placed: [PlacedLine]
    private(set) var pageCount: Int

    /// Places every item of `stream`.
    init(_ stream: RowStream, linesPerPage: Int) {
        self.linesPerPage = linesPerPage
        var pages = 0
        var overflow: [PlacedLine] = []
        // Every row is placed at most once; a page break adds at most a (MORE) and a CONT'D.
        let capacity = stream.rowCount + stream.rowCount / 16 + 16
        placed = [PlacedLine](unsafeUninitializedCapacity: capacity) { out, initialized in
            var filler = Filler(linesPerPage: linesPerPage, out: out)
            filler.fill(stream)
            initialized = filler.written
            overflow = filler.overflow
            pages = filler.pageCount
        }
        if !overflow.isEmpty { placed += overflow }
        pageCount = pages
    }
}

/// The page filling itself, writing `PlacedLine`s straight into the memory of
/// the array it is building (appending to an Array checks uniqueness and
/// capacity on every line); lines past its capacity go to `overflow`.
private struct Filler {
    typealias PlacedLine = PagePlacer.PlacedLine

    let linesPerPage: Int
    let out: UnsafeMutableBufferPointer<PlacedLine>
    var written = 0
    var overflow: [PlacedLine] = []
    var pageCount = 0
    private var row = 0
    private var linesOnPage = 0

    init(linesPerPage: Int, out: UnsafeMutableBufferPointer<PlacedLine>) {
        self.linesPerPage = linesPerPage
        self.out = out
    }

    mutating func fill(_ stream: RowStream) {
        stream.rows.withUnsafeBufferPointer { rows in
            for item in stream.closedItems {
                switch item {
                case .pageBreak:
                    if row > 0 { newPage() }
                case .blankLines(let count):
                    // None at the top of a page, and never more than the page has left.
                    if row > 0 { row = min(linesPerPage, row + count) }
                case .group(let range):
                    place(range, rows)
                }
            }
            if let group = stream.openGroup { place(group, rows) }
        }
        if row > 0 || pageCount == 0 && linesOnPage > 0 { newPage() }
    }

    private mutating func newPage() {
        pageCount += 1
        linesOnPage = 0
        row = 0
    }

    @inline(__always)
    private mutating func record(_ streamRow: Int, _ what: PlacedLine.What) {
        let line = PlacedLine(streamRow: Int32(streamRow), page: Int32(pageCount), row: Int32(row), what: what)
        if written < out.count {
            out.baseAddress!.advanced(by: written).initialize(to: line)
            written += 1
        } else {
            overflow.append(line)
        }
        linesOnPage += 1
    }

    private mutating func put(_ range: Range<Int>, _ rows: UnsafeBufferPointer<RowStream.Row>) {
        for r in range {
            if !rows[r].flags.contains(.empty) { record(r, .row) }
            row += 1
        }
    }

    private mutating func place(_ range: Range<Int>, _ rows: UnsafeBufferPointer<RowStream.Row>) {
        var start = range.lowerBound
        let end = range.upperBound
        if start == end { return }
        // After a `NAME (CONT'D)` the speech goes on with no blank row.
        var continuing = false
        while true {
            let lead = row == 0 || continuing ? 0 : Paginator.blockSpacing
            let available = linesPerPage - row - lead
            let count = end - start
            if count <= available {
                row += lead
                put(start..<end, rows)
                return
            }
            // The latest allowed break whose lines (and (MORE)) still fit.
            var cut: Int?
            var i = min(count - 1, available)
            while i >= 1 {
                let f = rows[start + i].flags
                if f.contains(.breakBefore), i + (f.contains(.continues) ? 1 : 0) <= available {
                    cut = i
                    break
                }
                i -= 1
            }
            // Prefer ending the page at a sentence, if that costs at most a few lines.
            if let latest = cut, !rows[start + latest - 1].flags.contains(.endsSentence) {
                var k = latest - 1
                while k >= 1 && k >= latest - PagePlacer.sentenceSlack {
                    if rows[start + k].flags.contains(.breakBefore) && rows[start + k - 1].flags.contains(.endsSentence) {
                        cut = k
                        break
                    }
                    k -= 1
                }
            }
            if cut == nil {
                if row > 0 {
                    newPage()
                    continue
                }
                // Taller than a page with no allowed break: cut where the page ends.
                cut = max(1, available)
            }
            let at = start + cut!
            let continues = cut! + 1 <= available && rows[at].flags.contains(.continues)
            row += lead
            put(start..<at, rows)
            if continues {
                record(at, .more)
                row += 1
            }
            newPage()
            start = at
            // A page never starts with blank rows.
            while start < end, rows[start].flags.contains(.empty) { start += 1 }
            if start == end { return }
            if continues {
                record(at, .continuedCue)
                row = 1
                continuing = true
            } else {
                continuing = false
            }
        }
    }
}
