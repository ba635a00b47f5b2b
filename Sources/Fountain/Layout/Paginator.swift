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
/// Of the allowed breaks that fit, the latest wins, unless one up to three
/// lines earlier ends a sentence. A group that fits nowhere on the current page moves to the next one; a
/// group taller than an empty page is cut where the page ends, so layout always
/// terminates.
///
/// `lay` turns a styled block into rows; the rows' facts go into a `RowStream`
/// and `PagePlacer` fills the pages. A document's page map measures the same
/// rows straight from the source (`RowMeasurer`) and lays blocks out with text
/// only when the pages are asked for.
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
        /// `breakBefore` and `continues` per row (the rest follows from `rows`).
        var rules: [RowStream.Flags]
        /// What a dialogue break prints, for rows marked `continues`.
        var continuation: Continuation?
        var keepWithNext: Bool
        var isPageBreak = false
        /// Writer's extra blank lines: printed only between text on the same page.
        var extraBlankLines = 0

        /// All facts about row `i` that the page filler reads.
        func flags(_ i: Int) -> RowStream.Flags {
            var f = rules[i]
            if rows[i].isEmpty { f.insert(.empty) }
            if Paginator.endsSentence(rows[i]) { f.insert(.endsSentence) }
            return f
        }
    }

    /// Whether a row's (left) line ends in sentence punctuation.
    static func endsSentence(_ row: Row) -> Bool {
        guard let last = row.first?.runs.last?.text.unicodeScalars.last else { return false }
        return isSentenceEnd(last)
    }

    /// `. ! ? : ; … " ' ) -` and `”`.
    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", ":", ";", "\u{2026}", "\"", "'", ")", "-", "\u{201D}": true
        default: false
        }
    }

    // MARK: - Entry point

    func paginate(_ blocks: [LayoutBlock]) -> [Page] {
        let laid = blocks.map(lay)
        var stream = RowStream()
        for (index, block) in laid.enumerated() {
            if block.isPageBreak {
                stream.appendPageBreak()
            } else if block.extraBlankLines > 0 {
                stream.appendBlankLines(block.extraBlankLines, index: index)
            } else {
                stream.append(block, index: index, isTransition: isTransition(blocks[index]))
            }
        }
        let placer = PagePlacer(stream, linesPerPage: paper.linesPerPage)
        return placer.pages(stream) { laid[$0] }
    }

    private func isTransition(_ block: LayoutBlock) -> Bool {
        if case .transition = block { return true }
        return false
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
        Laid(rows: rows, rules: Array(repeating: [], count: rows.count), continuation: nil, keepWithNext: keepWithNext)
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
                laid.rules[i] = .breakBefore
            }
        }
        return laid
    }

    private func dialogue(_ speech: Speech) -> Laid {
        let cueLines = WordWrap.wrap([TextRun(speech.cue)], width: ElementColumns.characterWidth)
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
                             runs: [TextRun(speech.continuedCue)],
                             kind: .character)
        laid.continuation = Continuation(more: more, continuedCue: contd)
        for i in rows.indices.dropFirst() {
            let startsLine = !rows[i].isEmpty
            let betweenDialogue = kinds[i] == .dialogue && kinds[i - 1] == .dialogue && !rows[i - 1].isEmpty
            let parentheticalStart = kinds[i] == .parenthetical && kinds[i - 1] != .parenthetical
                && kinds[i - 1] != .character
            if startsLine && (betweenDialogue || parentheticalStart) {
                laid.rules[i] = [.breakBefore, .continues]
            }
        }
        return laid
    }

    /// One side of a dual-dialogue pair as lines per row, at that side's columns.
    private func dualSide(_ speech: Speech, _ side: ElementColumns.DualSide) -> [PageLine?] {
        var rows: [PageLine?] = WordWrap.wrap([TextRun(speech.cue)],
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

extension RowStream {
    /// Appends a laid-out block as one block of rows.
    mutating func append(_ laid: Paginator.Laid, index: Int, isTransition: Bool) {
        beginBlock(index, isTransition: isTransition)
        for i in laid.rows.indices { appendRow(laid.flags(i)) }
        endBlock(keepWithNext: laid.keepWithNext)
    }
}

extension PagePlacer {
    /// The pages with their text: each placed row's lines taken from its laid-out
    /// block (`laid(blockIndex)`, asked for in block order, once per placed line).
    func pages(_ stream: RowStream, laid: (Int) -> Paginator.Laid?) -> [Page] {
        var pages = (0..<pageCount).map { Page(number: $0 + 1) }
        var cachedIndex = -1
        var cached: Paginator.Laid?
        for line in placed {
            let r = Int(line.streamRow)
            let blockIndex = Int(stream.rows[r].block)
            if blockIndex != cachedIndex {
                cached = laid(blockIndex)
                cachedIndex = blockIndex
            }
            guard let block = cached else { continue }
            let page = Int(line.page)
            switch line.what {
            case .row:
                let row = block.rows[Int(stream.rows[r].rowInBlock)]
                if var printed = row.first {
                    printed.row = Int(line.row)
                    pages[page].lines.append(printed)
                }
                if var printed = row.second {
                    printed.row = Int(line.row)
                    pages[page].lines.append(printed)
                }
            case .more, .continuedCue:
                guard let continuation = block.continuation else { continue }
                var printed = line.what == .more ? continuation.more : continuation.continuedCue
                printed.row = Int(line.row)
                pages[page].lines.append(printed)
            }
        }
        return pages
    }
}
