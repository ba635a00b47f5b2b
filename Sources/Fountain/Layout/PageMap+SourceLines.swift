extension PageMap {
    /// The 0-based source line on which each script page begins, page 1
    /// first: what an editor needs for "page of the cursor" and page marks in
    /// its margin, from the same pagination as `stats` and the PDF.
    ///
    /// Page 1 begins at line 0 (a title page counts as part of it). A page
    /// that begins inside a block (a speech or a long action paragraph split
    /// across pages) begins on the source line of its first printed row.
    public func pageStartLines() -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(pageCount)
        let paginator = Paginator(paper: paper)
        var page = Int32(-1)
        for line in placer.placed where line.page != page {
            let row = stream.rows[Int(line.streamRow)]
            // The blank row glued between two blocks belongs to neither.
            guard row.rowInBlock >= 0 else { continue }
            page = line.page
            while starts.count < Int(page) { starts.append(starts.last ?? 0) }
            starts.append(starts.isEmpty ? 0 : sourceLine(ofRow: Int(row.rowInBlock), inBlock: Int(row.block), paginator))
        }
        while starts.count < pageCount { starts.append(starts.last ?? 0) }
        return starts
    }

    /// The source line that prints row `row` of block `index`: found by
    /// laying out the block's source lines (or speech parts) one at a time
    /// with the paginator, so wrap widths have one home. Falls back to the
    /// block's first line when the block's printed lines do not map one to
    /// one onto source lines.
    private func sourceLine(ofRow row: Int, inBlock index: Int, _ paginator: Paginator) -> Int {
        let elements = document.elements
        let first: Int
        switch blocks[index] {
        case .element(let e): first = elements[e].lines.lowerBound
        case .speech(let cue, _), .dual(let cue, _, _): first = elements[cue].lines.lowerBound
        case .pageBreak, .blankLines: return 0
        }
        guard row > 0, let block = document.layoutBlock(blocks[index], notes: notes) else { return first }
        switch (blocks[index], block) {
        case (.element(let e), .action(let lines)) where lines.count == elements[e].lines.count:
            let heights = lines.map { paginator.lay(.action([$0])).rows.count }
            return Self.line(ofRow: row, heights: heights, lines: Array(elements[e].lines), before: 0) ?? first
        case (.speech(let cue, let end), .dialogue(let speech)):
            // A parenthetical is one part (its lines joined); dialogue and lyrics give a part per source line.
            var partLines: [Int] = []
            for element in elements[(cue + 1)..<end] {
                if case .parenthetical = element.kind {
                    partLines.append(element.lines.lowerBound)
                } else {
                    partLines += element.lines
                }
            }
            guard partLines.count == speech.parts.count else { return first }
            let cueRows = paginator.lay(.dialogue(Speech(cue: speech.cue, parts: []))).rows.count
            let heights = speech.parts.map {
                paginator.lay(.dialogue(Speech(cue: speech.cue, parts: [$0]))).rows.count - cueRows
            }
            return Self.line(ofRow: row, heights: heights, lines: partLines, before: cueRows) ?? first
        default:
            return first
        }
    }

    /// The line whose rows include `row`, given each line's height after
    /// `before` leading rows; nil when `row` falls in the leading rows.
    private static func line(ofRow row: Int, heights: [Int], lines: [Int], before: Int) -> Int? {
        var top = before
        guard row >= top else { return nil }
        for (height, line) in zip(heights, lines) {
            top += height
            if row < top { return line }
        }
        return lines.last
    }
}
