/// Lays out the title page: Title, Credit, Author(s) and Source centred from
/// about a third of the way down; Draft date and Contact in a block at the
/// lower left; other keys are kept in the model but not printed (the Fountain
/// spec's reading, reference/fountain.md "Title page").
struct TitlePageLayout {
    let paper: PaperSize

    /// The row the title starts on: a third of the page, as typed title pages are.
    var titleRow: Int { paper.linesPerPage / 3 }

    static let centredKeys: [String] = ["title", "credit", "author", "authors", "source"]
    static let lowerLeftKeys: [String] = ["draft date", "contact"]

    func layout(_ block: TitlePageBlock) -> Page? {
        var centred: [[TextRun]] = []
        for key in Self.centredKeys {
            for field in block.fields where field.key.lowercased() == key {
                if !centred.isEmpty { centred.append([]) }
                for line in field.lines {
                    centred += WordWrap.wrap(line, width: paper.actionWidth)
                }
            }
        }
        var lowerLeft: [[TextRun]] = []
        for key in Self.lowerLeftKeys {
            for field in block.fields where field.key.lowercased() == key {
                if !lowerLeft.isEmpty { lowerLeft.append([]) }
                for line in field.lines where !line.isEmpty {
                    lowerLeft += WordWrap.wrap(line, width: paper.actionWidth / 2)
                }
            }
        }
        if centred.isEmpty && lowerLeft.isEmpty { return nil }

        var lines: [PageLine] = []
        // Keep the centred block clear of the lower-left one on crowded title pages.
        let lowerTop = paper.linesPerPage - lowerLeft.count
        var row = max(0, min(titleRow, lowerTop - 1 - centred.count))
        for line in centred {
            if !line.isEmpty, row < paper.linesPerPage {
                let column = ElementColumns.action + max(0, (paper.actionWidth - WordWrap.width(of: line)) / 2)
                lines.append(PageLine(row: row, column: column, runs: line, kind: .titlePage))
            }
            row += 1
        }
        row = max(row + 1, lowerTop)
        for line in lowerLeft {
            if !line.isEmpty, row < paper.linesPerPage {
                lines.append(PageLine(row: row, column: ElementColumns.action, runs: line, kind: .titlePage))
            }
            row += 1
        }
        return Page(number: 0, isTitlePage: true, lines: lines)
    }
}

extension ScreenplayLayout {
    /// Lays out printable blocks (and an optional title page) on `paper`.
    init(blocks: [LayoutBlock], titlePage: TitlePageBlock?, paper: PaperSize) {
        self.init(paper: paper,
                  titlePage: titlePage.flatMap { TitlePageLayout(paper: paper).layout($0) },
                  pages: Paginator(paper: paper).paginate(blocks))
    }
}
