/// Lays printable blocks out into pages by the rules of
/// reference/screenplay-layout.md.
///
/// Each block becomes rows with a flag per row saying whether the page may break
/// just before it. Blocks that must stay together (a scene heading and what
/// follows it; a transition and what precedes it) are glued into one group;
/// a group breaks only inside its blocks, at their own allowed points:
/// - dialogue only between dialogue lines, or before a parenthetical that does
///   not follow the cue, with `(MORE)` below and `NAME (CONT'D)` on top;
/// - action (and centred text, lyrics) of 1–3 lines never; longer blocks
///   leave at least two lines on each side;
/// - scene headings, cues, transitions and dual dialogue never.
/// A group that fits nowhere on the current page moves to the next one; a
/// group taller than an empty page is cut where the page ends, so layout always
/// terminates.
struct Paginator {
    let paper: PaperSize

    /// Blank rows between consecutive blocks.
    static let blockSpacing = 1

    // MARK: - Rows

    /// One printed row: usually one line, two for dual dialogue, none when blank.
    /// Two optionals rather than an array: no allocation per row.
    struct Row {
        var first: PageLine?
        var second: PageLine?
        static let blank = Row(first: nil, second: nil)
        init(first: PageLine?, second: PageLine?) {
            self.first = first
            self.second = second
        }
        init(_ line: PageLine) { self.init(first: line, second: nil) }
        var isEmpty: Bool { first == nil && second == nil }
    }

    /// What to print where the page breaks inside dialogue.
    struct Continuation {
        var more: PageLine
        var continuedCue: PageLine
    }

    /// A block turned into rows and break rules.
    struct Laid {
        var rows: [Row]
        /// `breakBefore[i]`: the page may break between rows i-1 and i.
        var breakBefore: [Bool]
        /// `continuationIndex[i]`: which of `continuations` a break before row i prints, or -1.
        var continuationIndex: [Int32]
        var continuations: [Continuation] = []
        var keepWithNext: Bool
        var isPageBreak = false
        /// Writer's extra blank lines: printed only between text on the same page.
        var extraBlankLines = 0
    }

    // MARK: - Entry point

    func paginate(_ blocks: [LayoutBlock]) -> [Page] {
        var laid = blocks.map(lay)
        // No break just before a transition: glue it to what precedes it.
        for i in laid.indices.dropFirst() where isTransition(blocks[i]) {
            laid[i - 1].keepWithNext = true
        }
        var builder = PageBuilder(linesPerPage: paper.linesPerPage)
        var i = 0
        while i < laid.count {
            if laid[i].isPageBreak {
                builder.forceBreak()
                i += 1
                continue
            }
            if laid[i].extraBlankLines > 0 {
                builder.addBlankLines(laid[i].extraBlankLines)
                i += 1
                continue
            }
            var group = laid[i]
            i += 1
            while group.keepWithNext, i < laid.count, !laid[i].isPageBreak, laid[i].extraBlankLines == 0 {
                append(laid[i], to: &group)
                i += 1
            }
            builder.place(group)
        }
        return builder.finish()
    }

    private func isTransition(_ block: LayoutBlock) -> Bool {
        if case .transition = block { return true }
        return false
    }

    private func append(_ next: Laid, to group: inout Laid) {
        for _ in 0..<Self.blockSpacing {
            group.rows.append(.blank)
            group.breakBefore.append(false)
            group.continuationIndex.append(-1)
        }
        group.rows += next.rows
        group.breakBefore.append(false)  // never between glued blocks
        group.breakBefore += next.breakBefore.dropFirst()
        let offset = Int32(group.continuations.count)
        group.continuationIndex += next.continuationIndex.map { $0 < 0 ? -1 : $0 + offset }
        group.continuations += next.continuations
        group.keepWithNext = next.keepWithNext
    }

    // MARK: - Blocks to rows

    func lay(_ block: LayoutBlock) -> Laid {
        switch block {
        case let .sceneHeading(runs, number):
            let wrapped = WordWrap.wrap(runs.uppercased(), width: paper.actionWidth)
            let rows = wrapped.enumerated().map { index, line in
                Row(PageLine(row: 0, column: ElementColumns.action, runs: line, kind: .sceneHeading,
                            sceneNumber: index == 0 ? number : nil))
            }
            return unbreakable(rows, keepWithNext: true)
        case let .action(lines):
            return paragraph(lines, kind: .action)
        case let .lyrics(lines):
            return paragraph(lines, kind: .lyrics)
        case let .centered(lines):
            return paragraph(lines, kind: .centered)
        case let .transition(runs):
            let wrapped = WordWrap.wrap(runs.uppercased(), width: paper.actionWidth)
            let rows = wrapped.map { line in
                Row(PageLine(row: 0, column: paper.rightEdgeColumn - WordWrap.width(of: line),
                            runs: line, kind: .transition))
            }
            return unbreakable(rows, keepWithNext: false)
        case let .dialogue(speech):
            return dialogue(speech)
        case let .dualDialogue(left, right):
            let l = dualSide(left, ElementColumns.dualLeft)
            let r = dualSide(right, ElementColumns.dualRight)
            let rows = (0..<max(l.count, r.count)).map { i in
                Row(first: i < l.count ? l[i] : nil, second: i < r.count ? r[i] : nil)
            }
            return unbreakable(rows, keepWithNext: false)
        case .pageBreak:
            var laid = unbreakable([], keepWithNext: false)
            laid.isPageBreak = true
            return laid
        case let .blankLines(count):
            var laid = unbreakable([], keepWithNext: false)
            laid.extraBlankLines = max(0, count)
            return laid
        }
    }

    private func unbreakable(_ rows: [Row], keepWithNext: Bool) -> Laid {
        Laid(rows: rows, breakBefore: Array(repeating: false, count: rows.count),
             continuationIndex: Array(repeating: -1, count: rows.count), keepWithNext: keepWithNext)
    }

    private func paragraph(_ lines: [[TextRun]], kind: PageLine.Kind) -> Laid {
        var rows: [Row] = []
        for source in lines {
            for line in WordWrap.wrap(source, width: paper.actionWidth) {
                if line.isEmpty { rows.append(.blank); continue }
                var column = ElementColumns.action
                if kind == .centered {
                    column += max(0, (paper.actionWidth - WordWrap.width(of: line)) / 2)
                }
                rows.append(Row(PageLine(row: 0, column: column, runs: line, kind: kind)))
            }
        }
        var laid = unbreakable(rows, keepWithNext: false)
        // Short blocks stay whole; longer ones keep two lines on each side of a break.
        if rows.count > 3 {
            for i in 2...(rows.count - 2) where !rows[i].isEmpty {
                laid.breakBefore[i] = true
            }
        }
        return laid
    }

    private func dialogue(_ speech: Speech) -> Laid {
        let cueLines = WordWrap.wrap([TextRun(speech.cue.uppercased())], width: ElementColumns.characterWidth)
        var rows = cueLines.map {
            Row(PageLine(row: 0, column: ElementColumns.character, runs: $0, kind: .character))
        }
        var kinds: [PageLine.Kind] = Array(repeating: .character, count: rows.count)
        for part in speech.parts {
            switch part {
            case let .parenthetical(runs):
                for line in WordWrap.wrap(runs, width: ElementColumns.parentheticalWidth) {
                    rows.append(Row(PageLine(row: 0, column: ElementColumns.parenthetical, runs: line,
                                             kind: .parenthetical)))
                    kinds.append(.parenthetical)
                }
            case let .line(runs):
                for line in WordWrap.wrap(runs, width: ElementColumns.dialogueWidth) {
                    rows.append(line.isEmpty ? .blank : Row(PageLine(row: 0, column: ElementColumns.dialogue,
                                                                    runs: line, kind: .dialogue)))
                    kinds.append(.dialogue)
                }
            }
        }
        var laid = unbreakable(rows, keepWithNext: false)
        let more = PageLine(row: 0, column: ElementColumns.character, runs: [TextRun("(MORE)")], kind: .more)
        let contd = PageLine(row: 0, column: ElementColumns.character,
                             runs: [TextRun(speech.continuedCue.uppercased())],
                             kind: .character)
        laid.continuations = [Continuation(more: more, continuedCue: contd)]
        for i in rows.indices.dropFirst() {
            let startsLine = !rows[i].isEmpty
            let betweenDialogue = kinds[i] == .dialogue && kinds[i - 1] == .dialogue && !rows[i - 1].isEmpty
            let parentheticalStart = kinds[i] == .parenthetical && kinds[i - 1] != .parenthetical
                && kinds[i - 1] != .character
            if startsLine && (betweenDialogue || parentheticalStart) {
                laid.breakBefore[i] = true
                laid.continuationIndex[i] = 0
            }
        }
        return laid
    }

    /// One side of a dual-dialogue pair as lines per row, at that side's columns.
    private func dualSide(_ speech: Speech, _ side: ElementColumns.DualSide) -> [PageLine?] {
        var rows: [PageLine?] = WordWrap.wrap([TextRun(speech.cue.uppercased())],
                                              width: ElementColumns.dualCharacterWidth).map {
            PageLine(row: 0, column: side.character, runs: $0, kind: .character)
        }
        for part in speech.parts {
            switch part {
            case let .parenthetical(runs):
                for line in WordWrap.wrap(runs, width: ElementColumns.dualParentheticalWidth) {
                    rows.append(PageLine(row: 0, column: side.parenthetical, runs: line, kind: .parenthetical))
                }
            case let .line(runs):
                for line in WordWrap.wrap(runs, width: ElementColumns.dualDialogueWidth) {
                    rows.append(line.isEmpty ? nil : PageLine(row: 0, column: side.dialogue, runs: line, kind: .dialogue))
                }
            }
        }
        return rows
    }
}

// MARK: - Filling pages

/// Accumulates rows onto pages, breaking groups at their allowed points.
private struct PageBuilder {
    let linesPerPage: Int
    var pages: [Page] = []
    var lines: [PageLine] = []
    var row = 0

    init(linesPerPage: Int) { self.linesPerPage = linesPerPage }

    mutating func forceBreak() {
        if row > 0 { newPage() }
    }

    /// Blank rows the writer asked for; none at the top of a page, and never
    /// more than the page has left (they do not carry over).
    mutating func addBlankLines(_ count: Int) {
        guard row > 0 else { return }
        row = min(linesPerPage, row + count)
    }

    mutating func newPage() {
        pages.append(Page(number: pages.count + 1, lines: lines))
        lines = []
        row = 0
    }

    mutating func put(_ rows: ArraySlice<Paginator.Row>) {
        for r in rows {
            if var line = r.first {
                line.row = row
                lines.append(line)
            }
            if var line = r.second {
                line.row = row
                lines.append(line)
            }
            row += 1
        }
    }

    /// How many lines a page may give up to break at a sentence end instead of mid-sentence.
    static let sentenceSlack = 3

    static func endsSentence(_ row: Paginator.Row) -> Bool {
        guard let last = row.first?.runs.last?.text.unicodeScalars.last else { return false }
        return ".!?:;\u{2026}\"')-\u{201D}".unicodeScalars.contains(last)
    }

    mutating func place(_ group: Paginator.Laid) {
        var rows = group.rows[...]
        var breakBefore = group.breakBefore[...]
        var continuation = group.continuationIndex[...]
        if rows.isEmpty { return }
        // After a `NAME (CONT'D)` the speech goes on with no blank row.
        var continuing = false
        while true {
            let lead = row == 0 || continuing ? 0 : Paginator.blockSpacing
            let available = linesPerPage - row - lead
            if rows.count <= available {
                row += lead
                put(rows)
                return
            }
            // The latest allowed break whose lines (and (MORE)) still fit.
            var cut: Int?
            var i = min(rows.count - 1, available)
            while i >= 1 {
                let offset = rows.startIndex + i
                if breakBefore[offset] {
                    let need = i + (continuation[offset] >= 0 ? 1 : 0)
                    if need <= available { cut = i; break }
                }
                i -= 1
            }
            // Prefer ending the page at a sentence, if that costs at most a few lines.
            if let latest = cut, !Self.endsSentence(rows[rows.startIndex + latest - 1]) {
                var k = latest - 1
                while k >= 1 && k >= latest - Self.sentenceSlack {
                    let offset = rows.startIndex + k
                    if breakBefore[offset] && Self.endsSentence(rows[offset - 1]) { cut = k; break }
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
            let at = rows.startIndex + cut!
            let contIndex = rows.count > available && cut! + 1 > available ? -1 : continuation[at]
            let cont = contIndex >= 0 ? group.continuations[Int(contIndex)] : nil
            row += lead
            put(rows[rows.startIndex..<at])
            if let cont {
                var more = cont.more
                more.row = row
                lines.append(more)
                row += 1
            }
            newPage()
            rows = rows[at...]
            breakBefore = breakBefore[at...]
            continuation = continuation[at...]
            // A page never starts with blank rows.
            while let first = rows.first, first.isEmpty {
                rows = rows.dropFirst()
                breakBefore = breakBefore.dropFirst()
                continuation = continuation.dropFirst()
            }
            if rows.isEmpty { return }
            breakBefore[rows.startIndex] = false
            if let cont {
                var contd = cont.continuedCue
                contd.row = 0
                lines.append(contd)
                row = 1
                continuing = true
            } else {
                continuing = false
            }
        }
    }

    mutating func finish() -> [Page] {
        if row > 0 || pages.isEmpty && !lines.isEmpty { newPage() }
        return pages
    }
}
